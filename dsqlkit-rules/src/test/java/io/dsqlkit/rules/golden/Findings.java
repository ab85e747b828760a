package io.dsqlkit.rules.golden;

import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.FixResult;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings-table helpers: lint with the change-surface rules under one profile. */
final class Findings {
    private Findings() {}

    static final Profile CURRENT = Profile.DSQL_2026_09;
    static final Profile GA = Profile.DSQL_2025_05;

    static Linter linter(Profile p) {
        return new Linter(p, RuleCatalog.all());
    }

    static List<Diagnostic> lint(Profile p, String sql) {
        return linter(p).lint(sql).diagnostics();
    }

    static List<Diagnostic> lint(Profile p, String sql, String ruleId) {
        return lint(p, sql).stream().filter(d -> d.ruleId().equals(ruleId)).toList();
    }

    /** Exactly one finding of {@code ruleId}, with that SQLSTATE and exact message. */
    static Diagnostic assertFinding(Profile p, String sql, String ruleId, String sqlstate, String message) {
        List<Diagnostic> found = lint(p, sql, ruleId);
        assertThat(found).as("findings of %s for: %s (all: %s)", ruleId, sql, lint(p, sql)).hasSize(1);
        Diagnostic d = found.get(0);
        assertThat(d.sqlstate()).as("SQLSTATE of %s", ruleId).isEqualTo(sqlstate);
        assertThat(d.message()).as("message of %s", ruleId).isEqualTo(message);
        assertThat(d.length()).as("span of %s", ruleId).isPositive();
        assertThat(d.help()).isNotBlank();
        return d;
    }

    /** No finding at all from the change-surface rules. */
    static void assertClean(Profile p, String sql) {
        assertThat(lint(p, sql)).as("findings for: %s", sql).isEmpty();
    }

    static void assertNoFinding(Profile p, String sql, String ruleId) {
        assertThat(lint(p, sql, ruleId)).as("findings of %s for: %s", ruleId, sql).isEmpty();
    }

    /**
     * Applies all fixes and checks that the result lexes cleanly and that {@code ruleId} no longer
     * fires; returns the fixed text.
     */
    static String fixed(Profile p, String sql, String ruleId) {
        FixResult r = linter(p).fix(sql);
        assertLexesCleanly(r.fixed());
        assertThat(r.applied()).as("applied fixes for: %s", sql).anyMatch(d -> d.ruleId().equals(ruleId));
        assertThat(lint(p, r.fixed(), ruleId)).as("re-lint of fixed SQL:\n%s", r.fixed()).isEmpty();
        return r.fixed();
    }

    /** The rule's finding is marked unfixable with a reason. */
    static String unfixableReason(Profile p, String sql, String ruleId) {
        List<Diagnostic> found = lint(p, sql, ruleId);
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).fix()).as("fix of %s", ruleId).isNotNull();
        assertThat(found.get(0).fix().isFixable()).isFalse();
        assertThat(found.get(0).fix().unfixableReason()).isNotBlank();
        return found.get(0).fix().unfixableReason();
    }

    static void assertLexesCleanly(String sql) {
        for (Token t : Lexer.tokenize(sql)) {
            assertThat(t.unterminated()).as("unterminated token %s in:\n%s", t, sql).isFalse();
            assertThat(t.type()).as("stray token %s in:\n%s", t, sql).isNotEqualTo(TokenType.UNKNOWN);
        }
    }
}
