package io.dsqlkit.mcp.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;

/**
 * Work that may wait until a request's answer has been written, run by the thread that handled the request. A
 * transport that handles a request on one thread and writes its answer from that same thread ({@code StdioTransport}
 * with the SDK's immediate execution) wraps the handling in {@link #handle}; a clean read's ROLLBACK
 * ({@link DeferredReleases}) then runs on that thread right after the answer went out, instead of being handed to a
 * release thread: no wake-up of another thread per read, and the caller still waits for no round trip. Outside such
 * a scope {@link #defer} declines and the release takes a release thread as before.
 */
public final class AfterAnswer {
    private static final Logger log = LoggerFactory.getLogger(AfterAnswer.class);
    private static final ThreadLocal<ArrayDeque<Runnable>> PENDING = new ThreadLocal<>();

    private AfterAnswer() {
    }

    /** Runs {@code handling}, then, on this thread, whatever it deferred; nested scopes run theirs at the outermost end. */
    public static void handle(Runnable handling) {
        if (PENDING.get() != null) {
            handling.run();
            return;
        }
        ArrayDeque<Runnable> pending = new ArrayDeque<>(2);
        PENDING.set(pending);
        try {
            handling.run();
        } finally {
            PENDING.remove();
            for (Runnable r; (r = pending.poll()) != null; ) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("work deferred until after an answer failed: {}", e.toString());
                }
            }
        }
    }

    /** Queues {@code work} to run at the end of this thread's {@link #handle}; false when no scope is open here. */
    static boolean defer(Runnable work) {
        ArrayDeque<Runnable> pending = PENDING.get();
        if (pending == null) return false;
        pending.add(work);
        return true;
    }
}
