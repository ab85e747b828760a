package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SplitCacheTest {
    @Test
    void repeatedTextWithoutLiteralsIsSplitOnce() {
        SplitCache cache = new SplitCache();
        String sql = "SELECT abalance FROM pgbench_accounts WHERE aid = $1";
        List<Statement> first = cache.split(sql);
        assertThat(cache.split(sql)).isSameAs(first);
        assertThat(first).isEqualTo(ScriptSplitter.split(sql));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void textsWithInlineLiteralsAreCachedOnlyWhenTheyRepeat() {
        SplitCache cache = new SplitCache();
        String sql = "SELECT abalance FROM pgbench_accounts WHERE aid = 42; SELECT 'x'";
        assertThat(cache.split(sql)).isEqualTo(ScriptSplitter.split(sql));
        assertThat(cache.size()).as("seen once: not cached").isZero();
        for (int id = 0; id < 100; id++) cache.split("SELECT abalance FROM pgbench_accounts WHERE aid = " + id);
        assertThat(cache.size()).as("one-off texts never churn the cache").isZero();
        List<Statement> second = cache.split(sql);
        assertThat(second).isEqualTo(ScriptSplitter.split(sql));
        assertThat(cache.size()).as("seen twice: cached").isEqualTo(1);
        assertThat(cache.split(sql)).isSameAs(second);
    }

    @Test
    void sqlOfMatchesStatementSql() {
        for (String sql : List.of("  BEGIN ;", "/* c */ SELECT 1 -- x\n;", ";", "COMMIT", "SELECT 1; ; UPDATE t SET a = 2 ")) {
            for (Statement st : ScriptSplitter.split(sql)) {
                assertThat(StatementPlanner.sqlOf(st)).isEqualTo(st.sql());
            }
        }
    }
}
