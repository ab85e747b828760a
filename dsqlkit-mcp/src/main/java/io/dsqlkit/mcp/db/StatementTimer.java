package io.dsqlkit.mcp.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client-side statement timeout: cancels a statement still running after the timeout (SQLSTATE
 * 57014, as {@code setQueryTimeout} would). The timer also covers the fetches of a result read in
 * portions, which {@code setQueryTimeout} does not.
 * <p>
 * Arming and disarming cost no system call and wake no thread: an armed timer joins a lock-free queue and
 * {@link #close} only marks it; one sweeper thread walks the queue every {@link #TICK} while any timer is
 * armed, drops the disarmed ones and cancels the statements past their deadline (so a timeout fires at most one
 * tick late, against timeouts of seconds), and sleeps while none is. Before, each statement was a task on a
 * {@code ScheduledThreadPoolExecutor} whose arming and cancelling each woke its thread (a few system calls and a
 * context switch per read); pgjdbc's {@code setQueryTimeout} keeps every cancelled task on a
 * {@code java.util.Timer} until its time comes.
 */
public final class StatementTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatementTimer.class);
    /** How often armed timers are checked, so at most how late a timeout fires. */
    static final Duration TICK = Duration.ofMillis(50);
    private static final ConcurrentLinkedQueue<StatementTimer> ARMED = new ConcurrentLinkedQueue<>();

    private final Statement statement;
    private final long deadline;
    private volatile boolean disarmed;

    private StatementTimer(Statement statement, long deadline) {
        this.statement = statement;
        this.deadline = deadline;
    }

    /** Cancels {@code st} if it still runs after {@code timeout}; {@link #close} disarms. */
    public static StatementTimer arm(Statement st, Duration timeout) {
        StatementTimer t = new StatementTimer(st, System.nanoTime() + Math.max(1, timeout.toNanos()));
        ARMED.add(t);
        Sweeper.wakeIfAsleep();
        return t;
    }

    @Override
    public void close() {
        disarmed = true;
    }

    private void fire() {
        try {
            statement.cancel(); // a no-op unless the statement is executing (pgjdbc checks under its lock)
        } catch (SQLException | RuntimeException e) {
            log.debug("cancelling a statement past its timeout failed: {}", e.toString());
        }
    }

    /** Drops disarmed timers and fires those past their deadline; what a sweep does (tests call it directly). */
    static void sweep(long now) {
        for (Iterator<StatementTimer> it = ARMED.iterator(); it.hasNext(); ) {
            StatementTimer t = it.next();
            if (t.disarmed) {
                it.remove();
            } else if (now - t.deadline >= 0) {
                it.remove();
                t.fire();
            }
        }
    }

    /** The sweeper thread, started with the first timer armed. */
    private static final class Sweeper {
        private static volatile boolean asleep;
        private static final Thread THREAD = start();

        private static Thread start() {
            Thread t = DaemonThreads.named("dsqlkit-statement-timeout").newThread(Sweeper::run);
            t.start();
            return t;
        }

        static void wakeIfAsleep() {
            // the queue was written before this read, and the sweeper writes asleep before it reads the queue: one of
            // the two sees the other's write, so an armed timer never waits for a sleeper nobody wakes
            if (asleep) LockSupport.unpark(THREAD);
        }

        private static void run() {
            for (;;) {
                if (ARMED.isEmpty()) {
                    asleep = true;
                    if (ARMED.isEmpty()) LockSupport.park(Sweeper.class);
                    asleep = false;
                    continue;
                }
                LockSupport.parkNanos(Sweeper.class, TICK.toNanos());
                try {
                    sweep(System.nanoTime());
                } catch (RuntimeException e) {
                    log.warn("statement timeout sweep failed: {}", e.toString());
                }
            }
        }
    }
}
