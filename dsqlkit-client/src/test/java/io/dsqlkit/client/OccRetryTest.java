package io.dsqlkit.client;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OccRetryTest {
    /** Connections that record what happens to them; commit fails while {@code commitFailures} is positive. */
    static final class ScriptedDataSource implements DataSource {
        final List<String> events = new ArrayList<>();
        final AtomicInteger commitFailures = new AtomicInteger();
        SQLException commitError = new SQLException("change conflicts with another transaction (OC000)", "40001");
        int opened;

        @Override
        public Connection getConnection() {
            int n = ++opened;
            events.add("open#" + n);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                switch (m.getName()) {
                    case "getAutoCommit": return true;
                    case "setAutoCommit": events.add("autocommit=" + a[0] + "#" + n); return null;
                    case "commit":
                        if (commitFailures.getAndDecrement() > 0) {
                            events.add("commit-failed#" + n);
                            throw commitError;
                        }
                        events.add("commit#" + n);
                        return null;
                    case "rollback": events.add("rollback#" + n); return null;
                    case "close": events.add("close#" + n); return null;
                    case "isClosed": return false;
                    case "unwrap": return null;
                    case "isWrapperFor": return false;
                    case "hashCode": return System.identityHashCode(p);
                    case "equals": return p == a[0];
                    case "toString": return "conn#" + n;
                    default: throw new UnsupportedOperationException(m.getName());
                }
            });
        }

        @Override public Connection getConnection(String u, String p) { return getConnection(); }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) { return null; }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }

    private static final OccRetry FAST = OccRetry.of(5, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void retries40001TwiceThenSucceedsReportingAttempts() throws Exception {
        ScriptedDataSource ds = new ScriptedDataSource();
        AtomicInteger bodyRuns = new AtomicInteger();
        RetryResult<String> r = FAST.run(ds, c -> {
            if (bodyRuns.incrementAndGet() <= 2) throw new SQLException("change conflicts with another transaction (OC000)", "40001");
            return "done";
        });
        assertThat(r.value()).isEqualTo("done");
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(ds.opened).isEqualTo(3); // every attempt on a fresh transaction (and connection)
    }

    @Test
    void aFailedCommitReplaysTheWholeTransactionNeverABareCommit() throws Exception {
        ScriptedDataSource ds = new ScriptedDataSource();
        ds.commitFailures.set(1);
        AtomicInteger bodyRuns = new AtomicInteger();
        RetryResult<Integer> r = FAST.run(ds, c -> bodyRuns.incrementAndGet());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(bodyRuns.get()).isEqualTo(2); // the body ran again before the second commit
        // second attempt: a new connection whose commit follows its own body run
        assertThat(ds.events).containsSubsequence("open#1", "commit-failed#1", "rollback#1", "close#1", "open#2", "commit#2");
        assertThat(ds.events).doesNotContain("commit#1");
    }

    @Test
    void oc001AndServerUnavailableBeforeCommitAreRetried() throws Exception {
        ScriptedDataSource ds = new ScriptedDataSource();
        AtomicInteger n = new AtomicInteger();
        RetryResult<Integer> r = FAST.run(ds, c -> {
            int i = n.incrementAndGet();
            if (i == 1) throw new SQLException("schema has been updated by another transaction (OC001)", "40001");
            if (i == 2) throw new SQLException("server unavailable", "XX000");
            return i;
        });
        assertThat(r.attempts()).isEqualTo(3);
    }

    @Test
    void serverUnavailableDuringCommitIsNotRetried() {
        // dsql-facts §3: the outcome of a COMMIT that failed with server unavailable is unknown
        ScriptedDataSource ds = new ScriptedDataSource();
        ds.commitFailures.set(1);
        ds.commitError = new SQLException("server unavailable", "XX000");
        assertThatThrownBy(() -> FAST.run(ds, c -> 1)).isInstanceOf(SQLException.class).hasMessageContaining("server unavailable");
        assertThat(ds.opened).isEqualTo(1);
    }

    @Test
    void nonRetryableErrorsFailAtOnce() {
        ScriptedDataSource ds = new ScriptedDataSource();
        assertThatThrownBy(() -> FAST.run(ds, c -> {
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        })).isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
        assertThat(ds.opened).isEqualTo(1);
    }

    @Test
    void exhaustionReportsAttempts() {
        ScriptedDataSource ds = new ScriptedDataSource();
        OccRetry three = OccRetry.of(3, Duration.ofMillis(1), Duration.ofMillis(2));
        assertThatThrownBy(() -> three.run(ds, c -> {
            throw new SQLException("change conflicts with another transaction (OC000)", "40001");
        })).isInstanceOfSatisfying(OccRetry.OccRetryExhaustedException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getSQLState()).isEqualTo("40001");
        });
    }

    @Test
    void aNonRetryableFailureAfterARetryReportsTheAttemptsMade() {
        ScriptedDataSource ds = new ScriptedDataSource();
        AtomicInteger n = new AtomicInteger();
        assertThatThrownBy(() -> FAST.run(ds, c -> {
            if (n.incrementAndGet() == 1) throw new SQLException("change conflicts with another transaction (OC000)", "40001");
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        })).isInstanceOfSatisfying(OccRetry.OccRetryExhaustedException.class, e -> {
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.getSQLState()).isEqualTo("23505");
        });
    }

    @Test
    void retryingRunsSelfManagedWorkAgainOnlyOnRetryableFailures() throws Exception {
        AtomicInteger n = new AtomicInteger();
        assertThat(FAST.<Integer>retrying(attempt -> {
            if (n.incrementAndGet() < 3) throw new SQLException("schema has been updated by another transaction (OC001)", "40001");
            return attempt;
        })).isEqualTo(3);

        n.set(0);
        assertThatThrownBy(() -> FAST.retrying(attempt -> {
            n.incrementAndGet();
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        })).isNotInstanceOf(OccRetry.OccRetryExhaustedException.class);
        assertThat(n.get()).isEqualTo(1);
    }

    @Test
    void retryingGivesUpAfterTheBudgetWithAnExhaustedErrorOrTheFailureItselfAfterOneAttempt() {
        SQLException conflict = new SQLException("change conflicts with another transaction (OC000)", "40001");
        assertThatThrownBy(() -> FAST.retrying(attempt -> { throw conflict; }))
                .isInstanceOfSatisfying(OccRetry.OccRetryExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(5));
        OccRetry once = OccRetry.of(1, Duration.ofMillis(1), Duration.ofMillis(1));
        assertThatThrownBy(() -> once.retrying(attempt -> { throw conflict; })).isSameAs(conflict);
    }

    @Test
    void aCustomLoopChoosesWhatIsRetryableAndWhatToThrowAtTheEnd() {
        List<Integer> attempts = new ArrayList<>();
        assertThatThrownBy(() -> OccRetry.retrying(3, e -> "23505".equals(e.getSQLState()), attempt -> Duration.ZERO, attempt -> {
            attempts.add(attempt);
            throw new SQLException("duplicate key value violates unique constraint", "23505");
        }, (last, made) -> new SQLException("gave up after " + made, "55000"))).hasMessage("gave up after 3");
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void backoffGrowsAndIsCapped() {
        OccRetry r = OccRetry.of(10, Duration.ofMillis(10), Duration.ofMillis(100));
        assertThat(r.delayFor(1).toMillis()).isBetween(10L, 13L);
        assertThat(r.delayFor(3).toMillis()).isBetween(40L, 50L);
        assertThat(r.delayFor(9).toMillis()).isBetween(100L, 125L);
    }
}
