package io.dsqlkit.mcp.tools;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tool calls in progress, so a stdio server whose client closed stdin right after sending
 * its requests answers them all before it exits (a scripted client pipes requests and then EOF).
 */
public final class InFlightCalls {
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicLong LAST_CHANGE = new AtomicLong(System.nanoTime());

    private InFlightCalls() {}

    static void started() {
        RUNNING.incrementAndGet();
        LAST_CHANGE.set(System.nanoTime());
    }

    static void finished() {
        RUNNING.decrementAndGet();
        LAST_CHANGE.set(System.nanoTime());
    }

    /**
     * Waits until no call has been running for {@code quietMillis} (requests read just before EOF
     * may not have been dispatched yet, hence the quiet period), or until {@code maxMillis} passed.
     */
    public static void awaitIdle(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (System.nanoTime() < deadline) {
            boolean quiet = RUNNING.get() == 0
                    && System.nanoTime() - LAST_CHANGE.get() >= TimeUnit.MILLISECONDS.toNanos(quietMillis);
            if (quiet) return;
            Thread.sleep(20);
        }
    }
}
