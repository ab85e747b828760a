package io.dsqlkit.mcp.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweeper cancels what outlives its timeout, never what was disarmed, and wakes for a timer armed while it slept. */
class StatementTimerTest {
    @Test
    @Timeout(60)
    void cancelsAStatementPastItsTimeoutAndNotOneDisarmed() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicInteger disarmedCancels = new AtomicInteger();
        StatementTimer late = StatementTimer.arm(statement(cancelled::countDown), Duration.ofMillis(100));
        StatementTimer early = StatementTimer.arm(statement(disarmedCancels::incrementAndGet), Duration.ofMillis(100));
        early.close();
        long t0 = System.nanoTime();
        assertThat(cancelled.await(30, TimeUnit.SECONDS)).as("cancelled after its timeout").isTrue();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(90).toNanos());
        late.close();
        Thread.sleep(3 * StatementTimer.TICK.toMillis());
        assertThat(disarmedCancels).hasValue(0);
    }

    @Test
    @Timeout(60)
    void aTimerArmedAfterTheSweeperWentToSleepStillFires() throws Exception {
        StatementTimer.arm(statement(() -> { }), Duration.ofMillis(1)).close();
        Thread.sleep(5 * StatementTimer.TICK.toMillis()); // nothing armed: the sweeper parks
        CountDownLatch cancelled = new CountDownLatch(1);
        StatementTimer.arm(statement(cancelled::countDown), Duration.ofMillis(50));
        assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSweepDropsDisarmedTimersAndFiresOnlyThoseDue() {
        AtomicInteger fired = new AtomicInteger();
        StatementTimer due = StatementTimer.arm(statement(fired::incrementAndGet), Duration.ofMillis(1));
        StatementTimer notDue = StatementTimer.arm(statement(fired::incrementAndGet), Duration.ofHours(1));
        StatementTimer.sweep(System.nanoTime() + Duration.ofSeconds(1).toNanos());
        assertThat(fired).hasValue(1);
        notDue.close();
        due.close();
        StatementTimer.sweep(System.nanoTime());
        assertThat(fired).hasValue(1);
    }

    /** A statement whose cancel() runs {@code onCancel}; nothing else is called on it. */
    private static Statement statement(Runnable onCancel) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
            if (m.getName().equals("cancel")) {
                onCancel.run();
                return null;
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }
}
