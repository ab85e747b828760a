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

/** Isolation, SET, savepoints, locking and advisory locks against dsql-facts §1.1 and §1.3. */
class SessionRulesTest {

    static Stream<Arguments> flagged() {
        return Stream.of(
                // §1.3 [OBS isolation]
                arguments("BEGIN ISOLATION LEVEL SERIALIZABLE", "isolation-level", "Unsupported isolation level: SERIALIZABLE"),
                arguments("START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY", "isolation-level", "Unsupported isolation level: SERIALIZABLE"),
                arguments("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "isolation-level", "Unsupported isolation level: SERIALIZABLE"),
                arguments("begin transaction isolation level read committed", "isolation-level", "Unsupported isolation level: READ COMMITTED"),
                arguments("BEGIN ISOLATION LEVEL READ UNCOMMITTED", "isolation-level", "Unsupported isolation level: READ UNCOMMITTED"),
                arguments("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "set-transaction",
                        "setting configuration parameter \"TRANSACTION\" not supported"),
                arguments("SET TRANSACTION READ ONLY", "set-transaction", "setting configuration parameter \"TRANSACTION\" not supported"),
                arguments("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "set-transaction",
                        "setting configuration parameter \"SESSION CHARACTERISTICS\" not supported"),
                arguments("SET default_transaction_isolation = 'serializable'", "set-parameter",
                        "setting configuration parameter \"default_transaction_isolation\" not supported"),
                arguments("SET statement_timeout = 0", "set-parameter", "setting configuration parameter \"statement_timeout\" not supported"),
                arguments("SET LOCAL lock_timeout TO '1s'", "set-parameter", "setting configuration parameter \"lock_timeout\" not supported"),
                arguments("SET SESSION work_mem = '64MB'", "set-parameter", "setting configuration parameter \"work_mem\" not supported"),
                arguments("RESET statement_timeout", "set-parameter", "setting configuration parameter \"statement_timeout\" not supported"),
                arguments("SET myapp.tenant = '42'", "set-parameter", "setting configuration parameter \"myapp.tenant\" not supported"),
                arguments("SET Standard_Conforming_Strings = on", "set-parameter",
                        "setting configuration parameter \"standard_conforming_strings\" not supported"),
                arguments("SELECT pg_catalog.set_config('restrict_nonsystem_relation_kind', 'view', false)", "set-config",
                        "setting configuration parameter \"restrict_nonsystem_relation_kind\" not supported"),
                // §1.1 [OBS transaction]
                arguments("SAVEPOINT sp", "savepoint", "unsupported transaction statement: SAVEPOINT"),
                arguments("ROLLBACK TO SAVEPOINT sp", "savepoint", "unsupported transaction statement: ROLLBACK TO"),
                arguments("rollback work to sp", "savepoint", "unsupported transaction statement: ROLLBACK TO"),
                arguments("RELEASE SAVEPOINT sp", "savepoint", "unsupported transaction statement: RELEASE"),
                arguments("PREPARE TRANSACTION 'tx1'", "prepared-transaction", "unsupported transaction statement: PREPARE TRANSACTION"),
                arguments("COMMIT PREPARED 'tx1'", "prepared-transaction", "unsupported transaction statement: COMMIT PREPARED"),
                // §1.1 [OBS occ], [OBS queries], [PGDUMP]
                arguments("SELECT * FROM t WHERE id = 1 FOR SHARE", "locking-clause",
                        "locking clauses other than FOR UPDATE/FOR KEY SHARE are not supported"),
                arguments("SELECT * FROM t FOR NO KEY UPDATE OF t SKIP LOCKED", "locking-clause",
                        "locking clauses other than FOR UPDATE/FOR KEY SHARE are not supported"),
                arguments("LOCK TABLE t IN ACCESS EXCLUSIVE MODE", "lock-table", "unsupported statement: Lock"),
                arguments("lock t", "lock-table", "unsupported statement: Lock"),
                arguments("SELECT * FROM t TABLESAMPLE SYSTEM (1)", "tablesample", "TABLESAMPLE clause not supported"),
                arguments("SELECT * FROM t TABLESAMPLE BERNOULLI (10) REPEATABLE (42)", "tablesample", "TABLESAMPLE clause not supported"),
                // §1.1 (pressly/goose #971, golang-migrate #1289)
                arguments("SELECT pg_advisory_lock(42)", "advisory-lock", "function pg_advisory_lock not supported"),
                arguments("SELECT pg_try_advisory_lock(hashtext('migrate'))", "advisory-lock", "function pg_try_advisory_lock not supported"),
                arguments("SELECT pg_catalog.pg_advisory_xact_lock(1, 2)", "advisory-lock", "function pg_advisory_xact_lock not supported"),
                arguments("SELECT PG_ADVISORY_UNLOCK_ALL()", "advisory-lock", "function pg_advisory_unlock_all not supported"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("flagged")
    void flagged(String sql, String rule, String message) {
        Findings.assertFinding(CURRENT, sql, rule, "0A000", message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BEGIN",
            "BEGIN ISOLATION LEVEL REPEATABLE READ",
            "BEGIN READ ONLY",
            "START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ WRITE",
            "COMMIT", "END", "ROLLBACK", "ABORT",
            "SET search_path = x",
            "SET search_path TO app, public",
            "SET TIME ZONE 'UTC'",
            "SET \"TimeZone\" = 'UTC'",
            "SET SESSION ROLE app",
            "set timezone = 'Europe/Berlin'",
            "SET application_name = 'etl'",
            "SET client_encoding = 'UTF8'",
            "SET NAMES 'UTF8'",
            "SET DateStyle = ISO, MDY",
            "SET LOCAL IntervalStyle = postgres",
            "SET extra_float_digits = 3",
            "SET ROLE app_reader",
            "SET SCHEMA 'app'",
            "SET enable_seqscan = off",
            "SET disable_sync_create_index = on",
            "SET dsql.enable_batched_nestloop = on",
            "RESET search_path",
            "RESET ALL",
            "SET CONSTRAINTS ALL DEFERRED",
            "SELECT set_config('search_path', 'app', false)",
            "SELECT set_config('application_name', 'x', false)",
            "SELECT * FROM t FOR UPDATE",
            "SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT",
            "SELECT * FROM parent FOR KEY SHARE",
            "SELECT 'SAVEPOINT sp'",
            "INSERT INTO notes (body) VALUES ('ROLLBACK TO SAVEPOINT x; LOCK TABLE t')",
            "SELECT lock FROM locks WHERE lock = 1",
            "CREATE TABLE locks (lock int, tablesample int)",
            "SELECT 'pg_advisory_lock(1)'",
            "SELECT my_pg_advisory_lock(1)",
            "SELECT app.pg_advisory_lock(1)",
            "SELECT * FROM t -- FOR SHARE\n",
            "SELECT * FROM t FOR UPDATE OF t /* FOR SHARE */",
    })
    void nearMissesAreNotFlagged(String sql) {
        Findings.assertClean(CURRENT, sql);
    }

    @Test
    void gaProfileDiffers() {
        // FOR KEY SHARE arrived 2026-08-25; dsql.enable_batched_nestloop on 2026-09-11 (dsql-facts §0).
        Findings.assertFinding(GA, "SELECT * FROM parent FOR KEY SHARE", "locking-clause", "0A000",
                "locking clauses other than FOR UPDATE are not supported");
        Findings.assertFinding(GA, "SET dsql.enable_batched_nestloop = on", "set-parameter", "0A000",
                "setting configuration parameter \"dsql.enable_batched_nestloop\" not supported");
        Findings.assertClean(GA, "SELECT * FROM t FOR UPDATE");
    }

    // ---- fixes ----

    @Test
    void isolationLevelFixes() {
        assertThat(Findings.fixed(CURRENT, "BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY;", "isolation-level"))
                .isEqualTo("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;");
        assertThat(Findings.fixed(CURRENT, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;\nSELECT 1;", "isolation-level"))
                .isEqualTo("SELECT 1;");
        Findings.unfixableReason(CURRENT, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE READ ONLY", "isolation-level");
    }

    @Test
    void setTransactionFixes() {
        assertThat(Findings.fixed(CURRENT, "BEGIN;\nSET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\nSELECT 1;\nCOMMIT;", "set-transaction"))
                .isEqualTo("BEGIN;\nSELECT 1;\nCOMMIT;");
        assertThat(Findings.unfixableReason(CURRENT, "SET TRANSACTION READ ONLY", "set-transaction")).contains("BEGIN READ ONLY");
    }

    @Test
    void pgDumpHeaderSetsAreRemovedOthersAreUnfixable() {
        String header = """
                SET statement_timeout = 0;
                SET lock_timeout = 0;
                SET idle_in_transaction_session_timeout = 0;
                SET client_encoding = 'UTF8';
                SET standard_conforming_strings = on;
                SELECT pg_catalog.set_config('search_path', '', false);
                SET check_function_bodies = false;
                SET xmloption = content;
                SET client_min_messages = warning;
                SET row_security = off;
                CREATE TABLE t (id bigint PRIMARY KEY);
                """;
        String fixed = Findings.fixed(CURRENT, header, "set-parameter");
        assertThat(fixed).isEqualTo("""
                SET client_encoding = 'UTF8';
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE TABLE t (id bigint PRIMARY KEY);
                """);
        assertThat(Findings.unfixableReason(CURRENT, "SET standard_conforming_strings = off", "set-parameter"))
                .contains("standard_conforming_strings");
        assertThat(Findings.unfixableReason(CURRENT, "SET work_mem = '1GB'", "set-parameter")).contains("work_mem");
        assertThat(Findings.fixed(CURRENT, "SELECT set_config('statement_timeout', '0', false);\n", "set-config")).isEmpty();
    }

    @Test
    void lockingClausesBecomeForUpdate() {
        assertThat(Findings.fixed(CURRENT, "SELECT * FROM a JOIN b USING (id) FOR SHARE OF a FOR NO KEY UPDATE OF b;", "locking-clause"))
                .isEqualTo("SELECT * FROM a JOIN b USING (id) FOR UPDATE OF a FOR UPDATE OF b;");
    }

    @Test
    void lockSavepointAdvisoryAndTablesampleAreUnfixable() {
        Findings.unfixableReason(CURRENT, "LOCK TABLE t", "lock-table");
        Findings.unfixableReason(CURRENT, "SAVEPOINT a", "savepoint");
        Findings.unfixableReason(CURRENT, "SELECT pg_advisory_lock(1)", "advisory-lock");
        Findings.unfixableReason(CURRENT, "SELECT * FROM t TABLESAMPLE SYSTEM (5)", "tablesample");
        Findings.unfixableReason(CURRENT, "PREPARE TRANSACTION 'x'", "prepared-transaction");
    }
}
