package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.ScriptSplitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainReadTest {
    private static boolean plain(String sql) {
        return PlainRead.all(ScriptSplitter.split(sql).stream()
                .filter(s -> s.category() != io.dsqlkit.sql.StatementCategory.EMPTY).toList());
    }

    @Test
    void selectsWithoutLocksCallsOrSubqueriesArePlainReads() {
        assertThat(plain("SELECT abalance FROM pgbench_accounts WHERE aid = 42;")).isTrue();
        assertThat(plain("/* c */ select a, b from t where a = 'x' order by b limit 3")).isTrue();
        assertThat(plain("SELECT 1; SELECT a FROM t")).isTrue();
    }

    @Test
    void anythingThatMayTakeOrWaitForLocksIsNot() {
        assertThat(plain("SELECT a FROM t WHERE id = 1 FOR UPDATE")).isFalse();
        assertThat(plain("SELECT a FROM t FOR SHARE")).isFalse();
        assertThat(plain("SELECT a INTO t2 FROM t")).isFalse();
        assertThat(plain("SELECT my_function(1)")).isFalse();
        assertThat(plain("SELECT a FROM t WHERE id IN (SELECT id FROM u)")).isFalse();
        assertThat(plain("WITH x AS (UPDATE t SET a = 1 RETURNING a) SELECT * FROM x")).isFalse();
        assertThat(plain("UPDATE t SET a = 1")).isFalse();
        assertThat(plain("SELECT 1; UPDATE t SET a = 1")).isFalse();
        assertThat(plain("CREATE TABLE t (a int)")).isFalse();
        assertThat(plain("COMMIT")).as("deferred checks run at COMMIT").isFalse();
        assertThat(plain("END")).isFalse();
        assertThat(plain("SAVEPOINT s")).isFalse();
        assertThat(plain("SHOW search_path")).isFalse();
    }

    @Test
    void beginAndRollbackTakeNoLockSoTheyWaitLikePlainReads() {
        assertThat(plain("BEGIN")).isTrue();
        assertThat(plain("BEGIN TRANSACTION READ ONLY")).isTrue();
        assertThat(plain("START TRANSACTION ISOLATION LEVEL REPEATABLE READ")).isTrue();
        assertThat(plain("ROLLBACK")).isTrue();
        assertThat(plain("BEGIN READ ONLY; SELECT a FROM t; ROLLBACK")).isTrue();
        assertThat(plain("BEGIN; UPDATE t SET a = 1; COMMIT")).isFalse();
    }

    private static boolean inReadOnlyTransaction(String sql) {
        return PlainRead.all(ScriptSplitter.split(sql).stream()
                .filter(s -> s.category() != io.dsqlkit.sql.StatementCategory.EMPTY).toList(), true);
    }

    @Test
    void inAReadOnlyTransactionNothingWaitsForRowLocks() {
        assertThat(inReadOnlyTransaction("SELECT pg_catalog.concat_ws(', ', CASE WHEN EXISTS (SELECT 1 FROM pg_locks) THEN 'x' END)"))
                .as("function calls and subqueries in a READ ONLY transaction").isTrue();
        assertThat(inReadOnlyTransaction("SELECT f(1); ROLLBACK")).isTrue();
        assertThat(inReadOnlyTransaction("SELECT f(1); COMMIT")).as("a read-only COMMIT has nothing deferred").isTrue();
        assertThat(inReadOnlyTransaction("ROLLBACK; SELECT f(1)")).as("after the block ends").isFalse();
        assertThat(inReadOnlyTransaction("SET TRANSACTION READ WRITE; UPDATE t SET a = 1")).isFalse();
        assertThat(inReadOnlyTransaction("SET transaction_read_only = off; UPDATE t SET a = 1")).isFalse();
        assertThat(inReadOnlyTransaction("/* c */ reset transaction_read_only; SELECT f(1)")).isFalse();
        assertThat(plain("BEGIN READ ONLY; SELECT f(1) FOR UPDATE; ROLLBACK")).isTrue();
        assertThat(plain("BEGIN; SELECT f(1); ROLLBACK")).isFalse();
        assertThat(plain("BEGIN READ ONLY, READ WRITE; SELECT f(1)")).as("the last mode wins").isFalse();
        assertThat(plain("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT f(1)")).isTrue();
    }
}
