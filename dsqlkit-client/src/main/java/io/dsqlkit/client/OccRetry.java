package io.dsqlkit.client;

import io.dsqlkit.rules.DsqlErrors;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs whole transactions and replays them on DSQL's retryable failures: 40001 (OC000 change
 * conflict, OC001 stale schema) and {@code server unavailable} (XX000) raised before COMMIT.
 * Each attempt is a fresh transaction; a failed COMMIT is never retried on its own (dsql-facts §3).
 * Backoff is exponential with jitter: min(base * 2^attempt, max) + up to 25% random.
 */
public final class OccRetry {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final double jitter;

    private OccRetry(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
    }

    /** 8 attempts, 20 ms base, 2 s cap, 25% jitter. */
    public static OccRetry defaults() {
        return new OccRetry(8, Duration.ofMillis(20), Duration.ofSeconds(2), 0.25);
    }

    public static OccRetry of(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        return new OccRetry(maxAttempts, baseDelay, maxDelay, 0.25);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Runs {@code work} in a transaction on a connection from {@code ds}, retrying as described. */
    public <T> RetryResult<T> run(DataSource ds, TransactionWork<T> work) throws SQLException {
        SQLException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            boolean committing = false;
            try (Connection c = ds.getConnection()) {
                boolean oldAuto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T value = work.run(c);
                    committing = true;
                    c.commit();
                    return new RetryResult<>(value, attempt);
                } catch (SQLException | RuntimeException e) {
                    safeRollback(c);
                    throw e;
                } finally {
                    restoreAutoCommit(c, oldAuto);
                }
            } catch (SQLException e) {
                if (!isRetryable(e, committing) || attempt == maxAttempts) {
                    throw attempt > 1 ? new OccRetryExhaustedException(e, attempt) : e;
                }
                last = e;
                sleep(delayFor(attempt));
            }
        }
        throw last; // unreachable
    }

    /**
     * Runs {@code work}, which manages its own transaction (a read-only transaction, or a call that is
     * idempotent by contract), and runs it again on a retryable failure raised before any COMMIT, with
     * this policy's attempts and backoff. Unlike {@link #run} the last failure is rethrown unwrapped.
     */
    public <T> T rerun(Attempt<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (attempt >= maxAttempts || !isRetryable(e, false)) throw e;
                try {
                    Thread.sleep(delayFor(attempt).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** One attempt of {@link #rerun}: work that begins and ends its own transaction. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws SQLException;
    }

    /** 40001/OC00x at any point; {@code server unavailable} only before COMMIT (its outcome is unknown at COMMIT). */
    public static boolean isRetryable(SQLException e, boolean duringCommit) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if (DsqlErrors.isOccFailure(s.getSQLState(), s.getMessage())) return true;
                if (!duringCommit && "XX000".equals(s.getSQLState()) && s.getMessage() != null
                        && s.getMessage().contains("server unavailable")) return true;
            }
        }
        return false;
    }

    Duration delayFor(int attempt) {
        double base = baseDelay.toMillis() * Math.pow(2, attempt - 1);
        double capped = Math.min(base, maxDelay.toMillis());
        double withJitter = capped + ThreadLocalRandom.current().nextDouble() * jitter * capped;
        return Duration.ofMillis((long) withJitter);
    }

    private static void sleep(Duration d) throws SQLException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a transaction", "57014", ie);
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken or already rolled back; the pool discards broken ones
        }
    }

    private static void restoreAutoCommit(Connection c, boolean value) {
        try {
            if (!c.isClosed()) c.setAutoCommit(value);
        } catch (SQLException ignored) {
            // broken connection; nothing to restore
        }
    }

    /** The last failure after every attempt failed with a retryable error. */
    public static final class OccRetryExhaustedException extends SQLException {
        private final int attempts;

        OccRetryExhaustedException(SQLException cause, int attempts) {
            super("transaction failed after " + attempts + " attempts: " + cause.getMessage()
                    + " (DSQL optimistic concurrency: another transaction kept changing the same rows; "
                    + "reduce contention or raise the retry limit)", cause.getSQLState(), cause);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }
}
