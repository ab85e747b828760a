package io.dsqlkit.mcp.db;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends clean reads after their answer has gone back: the ROLLBACK and the session check of a read
 * ({@link SessionHygiene#rollback}) change nothing the caller sees (a read-only transaction has no
 * effects to keep or lose), so they run on a release thread while the answer is serialized and sent.
 * The connection stays checked out of the pool until its check is done, so no later call can get a
 * connection whose check has not passed; a busy caller takes another pooled connection meanwhile.
 * Releases are independent, so concurrent reads release in parallel, each a round trip (a network hop
 * against DSQL): an idle release thread takes the next one, a new one starts up to {@value #MAX_THREADS},
 * and past that the caller releases its own connection, as it did before (back-pressure, no queue).
 * Where the request's handler writes the answer itself ({@link AfterAnswer#handle}), the release runs on that thread
 * after the answer instead: no thread is woken for it.
 * One per {@link Database}; {@link #awaitIdle} lets the pool close (and tests count round trips) only
 * after every pending release has run.
 */
final class DeferredReleases {
    static final int MAX_THREADS = 16;

    private final Object lock = new Object();
    private int pending;
    private ThreadPoolExecutor executor;

    /**
     * Runs {@code release} soon: after the answer on this thread inside {@link AfterAnswer#handle}, else on a release
     * thread; at once on this thread when all are busy or after {@link #shutdown}.
     */
    void submit(Runnable release) {
        boolean shutDown;
        synchronized (lock) {
            pending++;
            shutDown = executor != null && executor.isShutdown();
        }
        Runnable counted = () -> {
            try {
                release.run();
            } finally {
                done();
            }
        };
        if (!shutDown && AfterAnswer.defer(counted)) return;
        try {
            executor().execute(counted);
        } catch (RejectedExecutionException e) {
            counted.run();
        }
    }

    private void done() {
        synchronized (lock) {
            if (--pending == 0) lock.notifyAll();
        }
    }

    private ThreadPoolExecutor executor() {
        synchronized (lock) {
            if (executor == null) {
                // threads start on demand and end after a minute without reads
                executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                        DaemonThreads.named("dsqlkit-release"));
            }
            return executor;
        }
    }

    /** Waits (at most {@code max}) until no release is pending; true when none is. */
    boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Lets pending releases finish (at most {@code max}), then stops the thread; later releases run inline. */
    void shutdown(Duration max) {
        awaitIdle(max);
        synchronized (lock) {
            if (executor != null) executor.shutdown();
        }
    }
}
