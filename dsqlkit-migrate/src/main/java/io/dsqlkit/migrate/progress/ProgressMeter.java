package io.dsqlkit.migrate.progress;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts work done (thread-safe) and turns it into {@link Progress} snapshots for a listener, at most every 200 ms. */
public final class ProgressMeter {
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final String what;
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final long initial;
    private volatile long total;
    private volatile long lastReport;

    public ProgressMeter(String what, long total, long alreadyDone, ProgressListener listener) {
        this.what = what;
        this.total = total;
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.initial = alreadyDone;
        this.done.set(alreadyDone);
    }

    public void total(long total) {
        this.total = total;
    }

    public void add(long n) {
        done.addAndGet(n);
        long now = System.nanoTime();
        if (now - lastReport >= MIN_INTERVAL_NANOS) {
            lastReport = now;
            listener.onProgress(snapshot());
        }
    }

    public void finish() {
        listener.onProgress(snapshot());
    }

    public long done() {
        return done.get();
    }

    /** Rows per second of the work done in this run (resumed work excluded). */
    public double rate() {
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return (done.get() - initial) / secs;
    }

    public Progress snapshot() {
        long d = done.get();
        double rate = rate();
        Duration eta = total >= 0 && rate > 0 ? Duration.ofSeconds((long) Math.max(0, (total - d) / rate)) : null;
        return new Progress(what, d, total, rate, eta);
    }
}
