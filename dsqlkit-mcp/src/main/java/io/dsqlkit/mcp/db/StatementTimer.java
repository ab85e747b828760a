package io.dsqlkit.mcp.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The client-side statement timeout: cancels a statement still running after the timeout (SQLSTATE
 * 57014, as {@code setQueryTimeout} would). One shared scheduler whose disarmed entries leave its
 * queue at once: pgjdbc's {@code setQueryTimeout} puts every statement on a {@code java.util.Timer},
 * which keeps each cancelled task until its time comes (at 700 reads a second and 30 s, some 20,000
 * dead entries, purged every thousand statements) and cost about a tenth of a read's CPU. The timer
 * also covers the fetches of a result read in portions, which {@code setQueryTimeout} does not.
 */
public final class StatementTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementTimer.class);
    private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private final ScheduledFuture<?> cancel;

    private StatementTimer(ScheduledFuture<?> cancel) {
        this.cancel = cancel;
    }

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("dsqlkit-statement-timeout"));
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Cancels {@code st} if it still runs after {@code timeout}; {@link #close} disarms. */
    public static StatementTimer arm(Statement st, Duration timeout) {
        return new StatementTimer(SCHEDULER.schedule(() -> cancel(st), Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
    }

    private static void cancel(Statement st) {
        try {
            st.cancel(); // a no-op unless the statement is executing (pgjdbc checks under its lock)
        } catch (SQLException | RuntimeException e) {
            log.debug("cancelling a statement past its timeout failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        cancel.cancel(false);
    }
}
