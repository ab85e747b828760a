package io.dsqlkit.rules.golden;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.FixResult;
import io.dsqlkit.rules.Profile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules never crash (a crash shows up as an {@code internal-error} finding) on
 * truncated or scrambled statements built from the words they look for, and their fixes never
 * produce text that fails to lex.
 */
class ChangeRulesRobustnessTest {
    private static final List<String> WORDS = List.of("CREATE", "UNIQUE", "INDEX", "ASYNC", "CONCURRENTLY", "IF", "NOT",
            "EXISTS", "ON", "ONLY", "USING", "btree", "gin", "(", ")", ",", ".", ";", "a", "b", "t", "s", "DESC", "ASC",
            "NULLS", "FIRST", "LAST", "INCLUDE", "WITH", "TABLESPACE", "WHERE", "text_pattern_ops", "COLLATE", "ALTER",
            "TABLE", "ADD", "COLUMN", "DROP", "CONSTRAINT", "PRIMARY", "KEY", "FOREIGN", "REFERENCES", "CHECK",
            "DEFAULT", "NULL", "GENERATED", "ALWAYS", "BY", "AS", "IDENTITY", "TYPE", "SET", "DATA", "STATISTICS",
            "VALIDATE", "VALID", "ENABLE", "ROW", "LEVEL", "SECURITY", "REPLICA", "RULE", "INHERIT", "ATTACH",
            "PARTITION", "BEGIN", "COMMIT", "ROLLBACK", "TO", "SAVEPOINT", "RELEASE", "TRANSACTION", "ISOLATION",
            "SERIALIZABLE", "READ", "REPEATABLE", "SESSION", "CHARACTERISTICS", "LOCAL", "RESET", "TIME", "ZONE",
            "=", "'x'", "0", "SELECT", "FOR", "SHARE", "UPDATE", "LOCK", "TABLESAMPLE", "SYSTEM", "pg_advisory_lock",
            "set_config", "PREPARE", "INSERT", "INTO", "VALUES", "GRANT", "*", "::", "jsonb", "int", "$$", "'", "\"",
            "/*", "--", "\n");

    /** Statement heads the rules key on, so the random tails reach their parsers. */
    private static final List<String> HEADS = List.of("", "CREATE INDEX", "CREATE UNIQUE INDEX ASYNC i ON t (",
            "ALTER TABLE t", "ALTER TABLE t ADD COLUMN c", "ALTER TABLE t ADD CONSTRAINT c", "ALTER TABLE t ALTER COLUMN c",
            "BEGIN;", "BEGIN ISOLATION LEVEL", "SET", "SET TRANSACTION", "SELECT * FROM t", "CREATE TABLE t (a jsonb);");

    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> tail = Arbitraries.of(WORDS).list().ofMinSize(0).ofMaxSize(30).map(ws -> String.join(" ", ws));
        Arbitrary<String> statement = net.jqwik.api.Combinators.combine(Arbitraries.of(HEADS), tail).as((h, t) -> h + " " + t);
        return statement.list().ofMinSize(1).ofMaxSize(4).map(ss -> String.join(";\n", ss));
    }

    @Property(tries = 500)
    void rulesNeverCrashAndFixesLex(@ForAll("scripts") String sql) {
        for (Profile p : Profile.values()) {
            List<Diagnostic> found = Findings.lint(p, sql);
            assertThat(found).as("crash on: %s", sql).noneMatch(d -> d.ruleId().equals("internal-error"));
            for (Diagnostic d : found) {
                assertThat(d.offset()).isBetween(0, sql.length());
                assertThat(d.end()).isLessThanOrEqualTo(sql.length());
            }
            FixResult r = Findings.linter(p).fix(sql);
            assertThat(r.remaining()).as("crash after fixing: %s", sql).noneMatch(d -> d.ruleId().equals("internal-error"));
        }
    }
}
