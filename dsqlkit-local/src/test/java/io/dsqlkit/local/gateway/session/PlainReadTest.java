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
        assertThat(plain("BEGIN")).isFalse();
        assertThat(plain("SHOW search_path")).isFalse();
    }
}
