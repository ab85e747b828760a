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
    void textsDifferingOnlyInIntegersShareOneShape() {
        SplitCache cache = new SplitCache();
        for (int id = 1; id <= 1_000; id += 7) {
            String sql = "SELECT abalance FROM pgbench_accounts WHERE aid = " + id + ";\nSELECT " + (id * 31) + " LIMIT 10";
            assertThat(cache.split(sql)).as(sql).isEqualTo(ScriptSplitter.split(sql));
        }
        assertThat(cache.shapes()).as("one shape, cached from its second sighting").isEqualTo(1);
        assertThat(cache.size()).as("no exact texts").isZero();
        String first = "SELECT abalance FROM pgbench_accounts WHERE aid = 1;\nSELECT 31 LIMIT 10";
        assertThat(cache.split(first)).as("the shape's own text is returned as split").isEqualTo(ScriptSplitter.split(first));
    }

    @Test
    void aShapeSeenOnceIsNotCached() {
        SplitCache cache = new SplitCache();
        for (int n = 1; n <= 100; n++) cache.split("SELECT " + n + ".5 FROM t WHERE a = " + n); // decimals stay in the shape
        assertThat(cache.shapes()).isZero();
    }

    @Test
    void sqlOfMatchesStatementSql() {
        for (String sql : List.of("  BEGIN ;", "/* c */ SELECT 1 -- x\n;", ";", "COMMIT", "SELECT 1; ; UPDATE t SET a = 2 ")) {
            for (Statement st : ScriptSplitter.split(sql)) {
                assertThat(StatementPlanner.sqlOf(st)).isEqualTo(st.sql());
            }
        }
    }

    /** The lint key of a text's one plain read, when the cache has it (from the shape's or the text's second sighting); {@code #} marks the integers. */
    private static String knownReadKey(SplitCache cache, String sqlWithMarks) {
        for (int n = 1; n <= 3; n++) cache.lookup(sqlWithMarks.replace("#", Integer.toString(n * 17)));
        return cache.lookup(sqlWithMarks.replace("#", "4242")).plainReadLintKey();
    }

    @Test
    void aRepeatedPointQueryIsKnownAsOnePlainReadWithTheLintKeyOfEveryTextOfItsShape() {
        SplitCache cache = new SplitCache();
        String key = knownReadKey(cache, "SELECT abalance FROM pgbench_accounts WHERE aid = #");
        assertThat(key).isNotNull();
        for (int n : new int[] {1, 99, 123456789}) {
            List<Statement> statements = ScriptSplitter.split("SELECT abalance FROM pgbench_accounts WHERE aid = " + n);
            assertThat(LintCacheKey.of(statements.get(0))).isEqualTo(key);
        }
        assertThat(knownReadKey(new SplitCache(), "SELECT a FROM t WHERE x = # AND y < # + 1;"))
                .as("a trailing semicolon, several masked operands").isNotNull();
    }

    @Test
    void onlyOnePlainReadWhoseIntegersTheLintKeyMasksIsKnownAsOne() {
        for (String sql : List.of(
                "SELECT a FROM t WHERE id = 1 LIMIT #",      // LIMIT's integer stays in the lint key
                "SELECT a FROM t WHERE id = #; SELECT 2",    // two statements
                "SELECT f(#) FROM t",                        // a call: not a plain read
                "SELECT a FROM t WHERE id = # FOR UPDATE",   // a locking clause
                "UPDATE t SET a = 1 WHERE id = #",           // a write
                "SELECT a FROM t WHERE id = # AND b = 'x'",  // a string: exact texts only
                "SELECT #")) {                                // the integer is no operand (of other texts)
            assertThat(knownReadKey(new SplitCache(), sql)).as(sql).isNull();
        }
        SplitCache cache = new SplitCache();
        for (int i = 0; i < 3; i++) cache.lookup("SELECT 1");
        assertThat(cache.lookup("SELECT 1").plainReadLintKey()).as("the shape's own text, repeated (a health check)")
                .isEqualTo(LintCacheKey.of(ScriptSplitter.split("SELECT 1").get(0)));
        assertThat(cache.lookup("SELECT 2").plainReadLintKey()).as("another text of that shape").isNull();
        String exact = "SELECT a FROM t WHERE id = $1";
        cache.lookup(exact);
        assertThat(cache.lookup(exact).plainReadLintKey()).as("a text without literals, cached at once")
                .isEqualTo(LintCacheKey.of(ScriptSplitter.split(exact).get(0)));
    }
}
