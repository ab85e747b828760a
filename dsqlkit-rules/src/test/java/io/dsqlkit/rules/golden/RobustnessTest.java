package io.dsqlkit.rules.golden;

import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules never crash (a crash surfaces as an {@code internal-error} finding): not on truncated
 * statements, where every "next token" lookup runs off the end, and not on arbitrary text.
 */
class RobustnessTest {

    static List<String> corpus() {
        List<String> sql = new ArrayList<>();
        Stream.of(StatementRulesGoldenTest.cases(), ColumnTypeRulesGoldenTest.cases(),
                        SequenceIdentityRulesGoldenTest.cases(), CreateTableRulesGoldenTest.cases())
                .flatMap(s -> s).map(Golden::sql).filter(s -> s.length() < 400).forEach(sql::add);
        NearMissTest.cases().map(NearMissTest.Case::sql).filter(s -> s.length() < 400).forEach(sql::add);
        FixTest.fixable().map(FixTest.Case::sql).forEach(sql::add);
        return sql;
    }

    @Test
    void everyPrefixOfEveryExampleLintsAndFixesWithoutCrashing() {
        for (Profile p : Profile.values()) {
            Linter linter = new Linter(p, RuleCatalog.all());
            // Every prefix under the default profile; every third one under the other (few rules differ).
            int step = p == Profile.CURRENT ? 1 : 3;
            for (String sql : corpus()) {
                for (int end = 0; end <= sql.length(); end += step) {
                    String prefix = sql.substring(0, end);
                    assertNoCrash(linter.lint(prefix).diagnostics(), prefix);
                    if (end % 4 == 0 || end == sql.length()) assertNoCrash(linter.fix(prefix).remaining(), prefix);
                }
            }
        }
    }

    @Property(tries = 300)
    void arbitraryTextNeverCrashesARule(@ForAll String text) {
        for (Profile p : Profile.values()) {
            assertNoCrash(new Linter(p, RuleCatalog.all()).lint(text).diagnostics(), text);
        }
    }

    @Property(tries = 300)
    void ddlShapedNoiseNeverCrashesARule(@ForAll("ddlWords") List<String> words) {
        String text = String.join(" ", words);
        for (Profile p : Profile.values()) {
            assertNoCrash(new Linter(p, RuleCatalog.all()).lint(text).diagnostics(), text);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<String>> ddlWords() {
        return net.jqwik.api.Arbitraries.of("CREATE", "TABLE", "ALTER", "ADD", "COLUMN", "t", "(", ")", ",", "[", "]",
                        "int", "serial", "GENERATED", "ALWAYS", "BY", "DEFAULT", "AS", "IDENTITY", "CACHE", "1", "-",
                        "SEQUENCE", "COLLATE", "\"C\"", "PRIMARY", "KEY", "UNIQUE", "REFERENCES", "CONSTRAINT",
                        "EXCLUDE", "USING", "WITH", "TABLESPACE", "ON", "COMMIT", "PARTITION", "OF", "TRUNCATE",
                        "COPY", "FROM", "TO", "'f'", "PROGRAM", "SELECT", "INTO", "to_tsvector", "line", "ARRAY",
                        "numeric", "varchar", "double", "precision", "TYPE", "FUNCTION", "LANGUAGE", "BEGIN", "ATOMIC",
                        "VACUUM", "ANALYZE", "DEALLOCATE", "ALL", ".", "::", "regconfig", "TEMP", "UNLOGGED", ";")
                .list().ofMaxSize(25);
    }

    private static void assertNoCrash(List<Diagnostic> found, String input) {
        assertThat(found).as("input: %s", input).noneMatch(d -> d.ruleId().equals("internal-error"));
    }
}
