package io.dsqlkit.rules.golden;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.dsqlkit.rules.golden.Findings.CURRENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Transaction-shape rules over whole scripts, dsql-facts §1.2. */
class ScriptRulesTest {
    private static final String MULTI = "multiple ddl statements not supported in a transaction";
    private static final String MIXED = "ddl and dml are not supported in the same transaction";
    private static final String ABORTED = "current transaction is aborted, commands ignored until end of transaction block";

    @Test
    void secondDdlInABlockIsFlagged() {
        String sql = """
                BEGIN;
                CREATE TABLE a (id bigint PRIMARY KEY);
                CREATE INDEX ASYNC a_idx ON a (id);
                COMMIT;
                """;
        Diagnostic d = Findings.assertFinding(CURRENT, sql, "multiple-ddl-in-transaction", "0A000", MULTI);
        assertThat(d.line()).isEqualTo(3);
        assertThat(d.length()).isEqualTo("CREATE INDEX ASYNC a_idx ON a (id)".length());
    }

    @Test
    void grantAndRevokeCountAsDdl() {
        Findings.assertFinding(CURRENT, "BEGIN; GRANT SELECT ON t TO r; REVOKE INSERT ON t FROM r; COMMIT;",
                "multiple-ddl-in-transaction", "0A000", MULTI);
        Findings.assertFinding(CURRENT, "START TRANSACTION; CREATE TABLE t (id int); GRANT SELECT ON t TO r; END;",
                "multiple-ddl-in-transaction", "0A000", MULTI);
    }

    @Test
    void ddlAfterDmlAndDmlAfterDdlAreFlaggedOnTheStatementOfTheOtherKind() {
        Diagnostic d = Findings.assertFinding(CURRENT, "BEGIN;\nINSERT INTO t VALUES (1);\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;",
                "ddl-and-dml-in-transaction", "0A000", MIXED);
        assertThat(d.line()).isEqualTo(3);
        d = Findings.assertFinding(CURRENT, "BEGIN;\nCREATE TABLE t (a int);\nUPDATE t SET a = 1;\nCOMMIT;",
                "ddl-and-dml-in-transaction", "0A000", MIXED);
        assertThat(d.line()).isEqualTo(3);
        Findings.assertFinding(CURRENT, "BEGIN; CREATE TABLE t (a int); SELECT * FROM t FOR UPDATE; COMMIT;",
                "ddl-and-dml-in-transaction", "0A000", MIXED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // autocommit: every statement is its own transaction (psql -f)
            "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nINSERT INTO a VALUES (1);\nGRANT SELECT ON a TO r;\nGRANT SELECT ON b TO r;",
            "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nBEGIN;\nCREATE INDEX ASYNC a_idx ON a (id);\nCOMMIT;",
            "BEGIN; INSERT INTO a VALUES (1); UPDATE a SET id = 2; DELETE FROM a WHERE id = 3; COMMIT;",
            "BEGIN; SELECT count(*) FROM a; CREATE TABLE b (id int); SELECT 1; COMMIT;",
            "BEGIN; CREATE TABLE a (id int); ROLLBACK; BEGIN; CREATE TABLE a (id int); COMMIT;",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\nCREATE TABLE t (id int);",
            "GRANT SELECT ON a TO r;",
            "SELECT 'BEGIN; CREATE TABLE a (id int); CREATE TABLE b (id int); COMMIT;'",
    })
    void validShapesAreNotFlagged(String sql) {
        Findings.assertClean(CURRENT, sql);
    }

    @Test
    void statementsAfterAnErrorInABlockAreWarnedAbout() {
        String sql = """
                BEGIN;
                INSERT INTO t VALUES (1);
                LOCK TABLE t;
                UPDATE t SET a = 2;
                DELETE FROM t WHERE a = 3;
                COMMIT;
                INSERT INTO t VALUES (4);
                """;
        List<Diagnostic> warnings = Findings.lint(CURRENT, sql, "transaction-aborted");
        assertThat(warnings).extracting(Diagnostic::line).containsExactly(4, 5);
        assertThat(warnings).allSatisfy(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.sqlstate()).isEqualTo("25P02");
            assertThat(w.message()).isEqualTo(ABORTED);
        });
    }

    @Test
    void shapeErrorsAlsoAbortTheRestOfTheBlock() {
        String sql = "BEGIN;\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\nSELECT 1;\nCOMMIT;";
        assertThat(Findings.lint(CURRENT, sql, "transaction-aborted")).extracting(Diagnostic::line).containsExactly(4);
        // An error on the last statement of the block leaves nothing to warn about; COMMIT is not a victim.
        assertThat(Findings.lint(CURRENT, "BEGIN;\nSELECT 1;\nLOCK TABLE t;\nCOMMIT;", "transaction-aborted")).isEmpty();
    }

    @Test
    void errorsOutsideBlocksDoNotPoisonLaterStatements() {
        assertThat(Findings.lint(CURRENT, "LOCK TABLE t;\nSELECT 1;\nINSERT INTO t VALUES (1);", "transaction-aborted")).isEmpty();
    }

    @Test
    void scriptFindingsHonourSuppressionComments() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 50; i++) sql.append("SELECT ").append(i).append(";\n");
        sql.append("BEGIN;\nCREATE TABLE a (id int);\n-- dsqlkit-ignore multiple-ddl-in-transaction\nCREATE TABLE b (id int);\n")
                .append("CREATE TABLE c (id int);\nCOMMIT;\n");
        List<Diagnostic> found = Findings.lint(CURRENT, sql.toString(), "multiple-ddl-in-transaction");
        assertThat(found).extracting(Diagnostic::line).containsExactly(55);
        assertThat(Findings.lint(CURRENT, "-- dsqlkit-ignore-file multiple-ddl-in-transaction\n" + sql, "multiple-ddl-in-transaction"))
                .isEmpty();
    }

    // ---- fixes ----

    @Test
    void multiDdlBlockIsSplitIntoOneTransactionPerDdl() {
        String sql = """
                BEGIN;
                CREATE TABLE a (id bigint PRIMARY KEY);
                CREATE INDEX ASYNC a_idx ON a (id);
                GRANT SELECT ON a TO reader;
                COMMIT;
                """;
        String fixed = Findings.fixed(CURRENT, sql, "multiple-ddl-in-transaction");
        assertThat(fixed).isEqualTo("""
                BEGIN;
                CREATE TABLE a (id bigint PRIMARY KEY);
                COMMIT;
                BEGIN;
                CREATE INDEX ASYNC a_idx ON a (id);
                COMMIT;
                BEGIN;
                GRANT SELECT ON a TO reader;
                COMMIT;
                """);
        Findings.assertClean(CURRENT, fixed);
    }

    @Test
    void mixedBlockIsSplitKeepingTheBeginModesAndIndentation() {
        String sql = "BEGIN READ WRITE;\n  CREATE TABLE t (a int);\n  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nCOMMIT;";
        String fixed = Findings.fixed(CURRENT, sql, "ddl-and-dml-in-transaction");
        assertThat(fixed).isEqualTo(
                "BEGIN READ WRITE;\n  CREATE TABLE t (a int);\n  COMMIT;\n  BEGIN READ WRITE;\n  INSERT INTO t VALUES (1);\n"
                        + "  INSERT INTO t VALUES (2);\nCOMMIT;");
        Findings.assertClean(CURRENT, fixed);
    }

    @Test
    void fixOfAnAlterInsideABlockEndsUpWithOneDdlPerTransaction() {
        // The ADD COLUMN fix appends DDL and DML after the ALTER; the shape rules then split the block.
        String sql = "BEGIN;\nALTER TABLE t ADD COLUMN n int NOT NULL DEFAULT 0;\nCOMMIT;\n";
        String fixed = Findings.linter(CURRENT).fix(sql).fixed();
        Findings.assertLexesCleanly(fixed);
        Findings.assertClean(CURRENT, fixed);
        assertThat(fixed).isEqualTo("""
                BEGIN;
                ALTER TABLE t ADD COLUMN n int;
                COMMIT;
                BEGIN;
                ALTER TABLE t ALTER COLUMN n SET DEFAULT 0;
                COMMIT;
                BEGIN;
                -- dsqlkit: DSQL commits at most 3,000 rows per transaction (54000 transaction row limit exceeded);
                -- `dsqlkit migrate` runs this backfill in primary-key chunks (the directive below); elsewhere use `dsqlkit batch`
                -- dsqlkit:batch
                UPDATE t SET n = 0 WHERE n IS NULL;
                COMMIT;
                BEGIN;
                -- dsqlkit: DSQL cannot add NOT NULL to an existing column; this validated CHECK enforces it
                ALTER TABLE t ADD CONSTRAINT t_n_not_null CHECK (n IS NOT NULL) NOT VALID;
                COMMIT;
                BEGIN;
                ALTER TABLE ASYNC t VALIDATE CONSTRAINT t_n_not_null;
                COMMIT;
                """);
    }
}
