package io.dsqlkit.local.jobs;

import java.time.Duration;

/**
 * Test hook: how long a job stays {@code submitted} and then {@code processing} before its build
 * may finish, so tests can observe each state and {@code indisvalid = false} deterministically.
 * {@link #IMMEDIATE} (the default) adds no delay.
 */
public record JobTiming(Duration submitted, Duration processing) {
    public static final JobTiming IMMEDIATE = new JobTiming(Duration.ZERO, Duration.ZERO);

    public JobTiming {
        if (submitted.isNegative() || processing.isNegative()) throw new IllegalArgumentException("negative delay");
    }

    public boolean delays() {
        return !submitted.isZero() || !processing.isZero();
    }
}
