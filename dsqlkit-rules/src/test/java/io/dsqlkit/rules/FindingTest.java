package io.dsqlkit.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindingTest {
    private static Diagnostic diag(String id, int offset, int length, int line, int column, Fix fix) {
        return new Diagnostic(id, Severity.ERROR, "0A000", "unsupported statement", "use DELETE", offset, length, line, column, fix);
    }

    @Test
    void theSpanEndsAtTheColumnAfterItsLastCharEvenAcrossLines() {
        String text = "SELECT 1;\nTRUNCATE\n  orders;";
        Finding f = Finding.of(text, diag("truncate", 10, 17, 2, 1, null));
        assertThat(f.endLine()).isEqualTo(3);
        assertThat(f.endColumn()).isEqualTo(9);
    }

    @Test
    void aSpanPastTheEndOfTheTextStopsAtTheEnd() {
        Finding f = Finding.of("TRUNC", diag("truncate", 0, 50, 1, 1, null));
        assertThat(f.endLine()).isEqualTo(1);
        assertThat(f.endColumn()).isEqualTo(6);
    }

    @Test
    void aFixThatAppliesIsDescribedByItsDescription() {
        Finding f = Finding.of("TRUNCATE t", diag("truncate", 0, 8, 1, 1, Fix.of("use DELETE FROM", new TextEdit(0, 8, "DELETE FROM"))));
        assertThat(f.hasFix()).isTrue();
        assertThat(f.fixable()).isTrue();
        assertThat(f.fixText()).isEqualTo("use DELETE FROM");
        assertThat(f.unfixableReason()).isNull();
    }

    @Test
    void anUnfixableFindingSaysTheRulesReason() {
        Finding f = Finding.of("x", diag("truncate", 0, 1, 1, 1, Fix.unfixable("needs a human")));
        assertThat(f.hasFix()).isTrue();
        assertThat(f.fixable()).isFalse();
        assertThat(f.fixText()).isEqualTo("needs a human");
        assertThat(f.unfixableReason()).isEqualTo("needs a human");
    }

    @Test
    void aFindingWithoutAFixSaysTheRuleHasNone() {
        Finding f = Finding.of("x", diag("truncate", 0, 1, 1, 1, null));
        assertThat(f.hasFix()).isFalse();
        assertThat(f.fixText()).isNull();
        assertThat(f.unfixableReason()).isEqualTo("no automatic fix for truncate");
    }

    @Test
    void theSummaryNamesTheRuleAndSqlstate() {
        assertThat(Finding.of("x", diag("truncate", 0, 1, 1, 1, null)).summary())
                .isEqualTo("unsupported statement [truncate, SQLSTATE 0A000]");
    }

    @Test
    void catalogRulesCarryTheirEvidenceAndOthersNone() {
        String id = RuleCatalog.all().get(0).id();
        assertThat(Finding.of("x", diag(id, 0, 1, 1, 1, null)).evidence()).isPresent();
        assertThat(Finding.of("x", diag("no-such-rule", 0, 1, 1, 1, null)).evidence()).isEmpty();
    }
}
