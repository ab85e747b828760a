package io.dsqlkit.local.jobs;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test hook: holds jobs in {@code submitted} and then {@code processing} before their build may
 * finish, so tests can observe each state and {@code indisvalid = false}. Either fixed delays, or a
 * {@link Gate} the test opens step by step (deterministic). {@link #IMMEDIATE} (the default) adds
 * nothing.
 */
public record JobTiming(Duration submitted, Duration processing, Gate gate) {
    public static final JobTiming IMMEDIATE = new JobTiming(Duration.ZERO, Duration.ZERO, null);

    public JobTiming {
        if (submitted.isNegative() || processing.isNegative()) throw new IllegalArgumentException("negative delay");
    }

    public static JobTiming delays(Duration submitted, Duration processing) {
        return new JobTiming(submitted, processing, null);
    }

    public static JobTiming gated(Gate gate) {
        return new JobTiming(Duration.ZERO, Duration.ZERO, gate);
    }

    public boolean delays() {
        return gate != null || !submitted.isZero() || !processing.isZero();
    }

    void holdSubmitted() throws InterruptedException {
        if (gate != null) gate.toProcessing.tryAcquire(Gate.MAX_HOLD_MINUTES, TimeUnit.MINUTES);
        else Thread.sleep(submitted.toMillis());
    }

    void holdProcessing() throws InterruptedException {
        if (gate != null) gate.toBuild.tryAcquire(Gate.MAX_HOLD_MINUTES, TimeUnit.MINUTES);
        else Thread.sleep(processing.toMillis());
    }

    /** Each call lets one held job take one step. A job is never held longer than 5 minutes. */
    public static final class Gate {
        static final long MAX_HOLD_MINUTES = 5;
        private final Semaphore toProcessing = new Semaphore(0);
        private final Semaphore toBuild = new Semaphore(0);

        /** One job moves from submitted to processing. */
        public void startProcessing() {
            toProcessing.release();
        }

        /** One processing job may build and finish. */
        public void finishBuild() {
            toBuild.release();
        }

        /** Lets every job, now and later, run without holding. */
        public void openAll() {
            toProcessing.release(Integer.MAX_VALUE / 2);
            toBuild.release(Integer.MAX_VALUE / 2);
        }
    }
}
