package io.dsqlkit.rules.golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static io.dsqlkit.rules.golden.Findings.CURRENT;
import static io.dsqlkit.rules.golden.Findings.GA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** CREATE INDEX rules against dsql-facts §4 (and §2 for the key-count limit). */
class CreateIndexRulesTest {

    static Stream<Arguments> flagged() {
        return Stream.of(
                // §4 [OBS index]
                arguments("CREATE INDEX idx ON t (a)", "create-index-async", "0A000", "unsupported mode. please use CREATE INDEX ASYNC."),
                arguments("create unique index if not exists idx on t (a)", "create-index-async", "0A000", "unsupported mode. please use CREATE INDEX ASYNC."),
                arguments("CREATE INDEX ON t (a)", "create-index-async", "0A000", "unsupported mode. please use CREATE INDEX ASYNC."),
                // §4 [SKILL-DDL]
                arguments("CREATE INDEX CONCURRENTLY idx ON t (a)", "create-index-concurrently", "0A000", "CONCURRENTLY not supported for CREATE INDEX"),
                arguments("CREATE INDEX ASYNC idx ON t USING btree (a)", "create-index-using", "0A000", "USING not supported for CREATE INDEX"),
                arguments("CREATE INDEX ASYNC idx ON t USING gin (doc)", "create-index-using", "0A000", "USING not supported for CREATE INDEX"),
                // §4 [SKILL-NEW]
                arguments("CREATE INDEX ASYNC idx ON t (a DESC)", "create-index-sort-order", "0A000", "specifying sort order not supported for index keys"),
                arguments("CREATE INDEX ASYNC idx ON t (a, b ASC)", "create-index-sort-order", "0A000", "specifying sort order not supported for index keys"),
                arguments("CREATE INDEX ASYNC idx ON t (name text_pattern_ops)", "create-index-opclass", "0A000", "opclass not supported for index keys"),
                arguments("CREATE INDEX ASYNC idx ON t (a COLLATE \"C\" varchar_pattern_ops DESC)", "create-index-opclass", "0A000", "opclass not supported for index keys"),
                // §4 [OBS index]
                arguments("CREATE INDEX ASYNC public.idx ON t (a)", "create-index-schema-qualified", "42601", "syntax error at or near \".\""),
                // §4 grammar omissions (UNVERIFIED texts)
                arguments("CREATE INDEX ASYNC idx ON t (a) WITH (fillfactor = 70)", "create-index-storage-parameters", "0A000", "WITH not supported for CREATE INDEX"),
                arguments("CREATE INDEX ASYNC idx ON t (a) TABLESPACE fast", "create-index-tablespace", "0A000", "TABLESPACE not supported for CREATE INDEX"),
                // §2 [DOC-QUOTAS]
                arguments("CREATE INDEX ASYNC idx ON t (a1, a2, a3, a4, a5, a6, a7, a8, a9)", "too-many-key-columns", "54011",
                        "more than 8 column keys in an index are not supported"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("flagged")
    void flaggedUnderCurrentProfile(String sql, String rule, String sqlstate, String message) {
        Findings.assertFinding(CURRENT, sql, rule, sqlstate, message);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("flagged")
    void flaggedUnderGaProfileToo(String sql, String rule, String sqlstate, String message) {
        Findings.assertFinding(GA, sql, rule, sqlstate, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX ASYNC idx ON t (a)",
            "CREATE UNIQUE INDEX ASYNC IF NOT EXISTS idx ON t (a, b)",
            "create index async on t (a nulls first, b nulls last)",
            "CREATE INDEX ASYNC idx ON t (a) INCLUDE (b, c)",
            "CREATE UNIQUE INDEX ASYNC idx ON t (a) NULLS NOT DISTINCT",
            "CREATE INDEX ASYNC idx ON t (a1, a2, a3, a4, a5, a6, a7, a8) INCLUDE (a9, a10)",
            "CREATE INDEX ASYNC idx ON ONLY s.t (a)",
            // 2026-09: partial and expression indexes
            "CREATE INDEX ASYNC idx ON t (a) WHERE deleted_at IS NULL",
            "CREATE INDEX ASYNC idx ON t (lower(email))",
            "CREATE INDEX ASYNC idx ON t ((doc ->> 'k'))",
            "CREATE INDEX ASYNC \"Desc\" ON t (\"desc\")",
            "SELECT 'CREATE INDEX idx ON t (a DESC)'",
            "CREATE TABLE t (a int, b int)",
            "-- CREATE INDEX idx ON t (a)\nSELECT 1",
    })
    void nearMissesAreNotFlagged(String sql) {
        Findings.assertClean(CURRENT, sql);
    }

    @Test
    void partialIndexIsRejectedOnlyUnderGa() {
        String sql = "CREATE INDEX ASYNC idx ON t (a) WHERE deleted_at IS NULL";
        Findings.assertFinding(GA, sql, "create-index-where", "0A000", "WHERE not supported for CREATE INDEX");
        Findings.assertNoFinding(CURRENT, sql, "create-index-where");
        assertThat(Findings.unfixableReason(GA, sql, "create-index-where")).contains("UNIQUE");
    }

    @Test
    void expressionIndexIsRejectedOnlyUnderGa() {
        String sql = "CREATE INDEX ASYNC idx ON t (lower(email))";
        Findings.assertFinding(GA, sql, "create-index-expression", "0A000", "expressions not supported for CREATE INDEX");
        Findings.assertFinding(GA, "CREATE INDEX ASYNC idx ON t ((a + b))", "create-index-expression", "0A000",
                "expressions not supported for CREATE INDEX");
        Findings.assertNoFinding(CURRENT, sql, "create-index-expression");
        Findings.assertNoFinding(GA, "CREATE INDEX ASYNC idx ON t (a)", "create-index-expression");
    }

    @Test
    void concurrentlyIsNotAlsoReportedAsMissingAsync() {
        Findings.assertNoFinding(CURRENT, "CREATE INDEX CONCURRENTLY idx ON t (a)", "create-index-async");
    }

    @Test
    void findingPointsAtTheOffendingToken() {
        var d = Findings.assertFinding(CURRENT, "CREATE INDEX ASYNC idx ON t (a,\n  b DESC)", "create-index-sort-order", "0A000",
                "specifying sort order not supported for index keys");
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.column()).isEqualTo(5);
        assertThat(d.length()).isEqualTo(4);
    }

    // ---- fixes ----

    @Test
    void asyncIsInsertedAfterIndexKeepingUniqueAndIfNotExists() {
        assertThat(Findings.fixed(CURRENT, "CREATE UNIQUE INDEX IF NOT EXISTS idx ON t (a);", "create-index-async"))
                .isEqualTo("CREATE UNIQUE INDEX ASYNC IF NOT EXISTS idx ON t (a);");
        assertThat(Findings.fixed(CURRENT, "create index on t (a)", "create-index-async"))
                .isEqualTo("create index ASYNC on t (a)");
    }

    @Test
    void concurrentlyBecomesAsync() {
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (a);", "create-index-concurrently"))
                .isEqualTo("CREATE INDEX ASYNC IF NOT EXISTS idx ON t (a);");
    }

    @Test
    void usingBtreeIsDroppedOtherMethodsAreUnfixable() {
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC idx ON t USING btree (a);", "create-index-using"))
                .isEqualTo("CREATE INDEX ASYNC idx ON t (a);");
        assertThat(Findings.unfixableReason(CURRENT, "CREATE INDEX ASYNC idx ON t USING gin (doc jsonb_path_ops);", "create-index-using"))
                .contains("gin");
        assertThat(Findings.unfixableReason(CURRENT, "CREATE INDEX ASYNC idx ON t USING gin (doc jsonb_path_ops);", "create-index-opclass"))
                .contains("gin");
    }

    @Test
    void sortOrderFixes() {
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC idx ON t (a ASC, b);", "create-index-sort-order"))
                .isEqualTo("CREATE INDEX ASYNC idx ON t (a, b);");
        // All keys descending: the ascending index read backwards gives the same order, NULLS flipped.
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC idx ON t (a DESC, b DESC NULLS LAST, c DESC NULLS FIRST);",
                "create-index-sort-order"))
                .isEqualTo("CREATE INDEX ASYNC idx ON t (a, b NULLS FIRST, c);");
        assertThat(Findings.unfixableReason(CURRENT, "CREATE INDEX ASYNC idx ON t (a DESC, b);", "create-index-sort-order"))
                .contains("mix");
    }

    @Test
    void opclassSchemaStorageAndTablespaceFixes() {
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC idx ON t (name text_pattern_ops, b);", "create-index-opclass"))
                .isEqualTo("CREATE INDEX ASYNC idx ON t (name, b);");
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC app.idx ON app.t (a);", "create-index-schema-qualified"))
                .isEqualTo("CREATE INDEX ASYNC idx ON app.t (a);");
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC idx ON t (a) WITH (fillfactor = 70) WHERE a > 0;",
                "create-index-storage-parameters"))
                .isEqualTo("CREATE INDEX ASYNC idx ON t (a) WHERE a > 0;");
        assertThat(Findings.fixed(CURRENT, "CREATE INDEX ASYNC idx ON t (a) TABLESPACE fast;", "create-index-tablespace"))
                .isEqualTo("CREATE INDEX ASYNC idx ON t (a);");
    }

    @Test
    void everythingAtOnceIsFixedToTheDsqlForm() {
        String fixed = Findings.linter(CURRENT).fix(
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS public.users_email ON public.users USING btree "
                        + "(email text_pattern_ops ASC) WITH (fillfactor = 90);").fixed();
        assertThat(fixed).isEqualTo("CREATE UNIQUE INDEX ASYNC IF NOT EXISTS users_email ON public.users (email);");
        Findings.assertClean(CURRENT, fixed);
    }

    @Test
    void tooManyKeysIsUnfixable() {
        assertThat(Findings.unfixableReason(CURRENT, "CREATE INDEX ASYNC i ON t (a1, a2, a3, a4, a5, a6, a7, a8, a9)",
                "too-many-key-columns")).contains("INCLUDE");
    }
}
