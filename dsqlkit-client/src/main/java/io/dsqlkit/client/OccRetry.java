package io.dsqlkit.client;

import io.dsqlkit.rules.DsqlErrors;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Runs whole transactions and replays them on DSQL's retryable failures: 40001 (OC000 change
 * conflict, OC001 stale schema) and {@code server unavailable} (XX000) raised before COMMIT.
 * Each attempt is a fresh transaction; a failed COMMIT is never retried on its own (dsql-facts §3).
 * Backoff is exponential with jitter: min(base * 2^attempt, max) + up to 25% random.
 */
public final class OccRetry {
    private static final LazyLogger log = new LazyLogger(OccRetry.class); // SLF4J starts when first used

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
        boolean[] committing = new boolean[1];
        return loop(maxAttempts, e -> isRetryable(e, committing[0]), this::delayFor, attempt -> {
            committing[0] = false;
            try (Connection c = ds.getConnection()) {
                return new RetryResult<>(Transactions.inTransaction(c, tx -> {
                    T value = work.run(tx);
                    committing[0] = true; // a failure from here on is a failed COMMIT
                    return value;
                }), attempt);
            } catch (SQLException e) {
                // a failure that ends the retries after earlier attempts reports them too
                if (attempt > 1 && !isRetryable(e, committing[0])) throw new OccRetryExhaustedException(e, attempt);
                throw e;
            }
        }, OccRetry::exhausted, (last, ie) -> new SQLException("interrupted while waiting to retry a transaction", "57014", ie));
    }

    /**
     * The same policy for work that opens and ends its own transaction (a read-only transaction that
     * is rolled back, a whole MCP tool call): up to {@link #maxAttempts()} attempts while the failure
     * {@link #isRetryable is retryable} (before COMMIT), with this policy's {@link #backoff}. When the
     * attempts run out the failure comes back as an {@link OccRetryExhaustedException} (as the last
     * failure itself when there was only one attempt, like {@link #run}).
     */
    public <T> T retrying(Attempt<T> work) throws SQLException {
        return retrying(maxAttempts, e -> isRetryable(e, false), this::delayFor, work, OccRetry::exhausted);
    }

    /**
     * The one retry loop, for callers whose loop differs in what is retryable, how long to pause and
     * what to throw at the end (the migration lock race, a racing CREATE TABLE IF NOT EXISTS, a
     * budget shared by a whole MCP call): runs {@code work} until it returns, fails with a
     * non-retryable error (thrown as is) or has made {@code maxAttempts} attempts (then
     * {@code giveUp} says what to throw). A pause of zero does not sleep; an interrupted pause
     * throws the last failure with the interrupt flag set.
     */
    public static <T> T retrying(int maxAttempts, Predicate<SQLException> retryable, IntFunction<Duration> pause,
                                 Attempt<T> work, GiveUp giveUp) throws SQLException {
        return loop(maxAttempts, retryable, pause, work, giveUp, (last, ie) -> last);
    }

    private static <T> T loop(int maxAttempts, Predicate<SQLException> retryable, IntFunction<Duration> pause,
                              Attempt<T> work, GiveUp giveUp,
                              BiFunction<SQLException, InterruptedException, SQLException> interrupted) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(attempt);
            } catch (SQLException e) {
                if (!retryable.test(e)) throw e;
                if (attempt >= maxAttempts) throw giveUp.after(e, attempt);
                log.get().debug("attempt {} failed ({} {}); running it again", attempt, e.getSQLState(), e.getMessage());
                long ms = pause.apply(attempt).toMillis();
                if (ms <= 0) continue;
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw interrupted.apply(e, ie);
                }
            }
        }
    }

    /** The last failure after more than one attempt becomes an {@link OccRetryExhaustedException}. */
    private static SQLException exhausted(SQLException last, int attempts) {
        return attempts > 1 ? new OccRetryExhaustedException(last, attempts) : last;
    }

    /** One attempt of work that opens and ends its own transaction; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws SQLException;
    }

    /** What a retry loop throws when its attempts ran out ({@code attempts} made, {@code last} the final failure). */
    @FunctionalInterface
    public interface GiveUp {
        SQLException after(SQLException last, int attempts);
    }

    /**
     * 40001/OC00x at any point; {@code server unavailable} and a broken connection (SQLSTATE class 08)
     * only before COMMIT (at COMMIT their outcome is unknown). An {@link OccRetryExhaustedException}
     * is never retryable: its attempts are spent, and retrying it again would multiply them.
     */
    public static boolean isRetryable(SQLException e, boolean duringCommit) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OccRetryExhaustedException) return false;
            if (t instanceof SQLException s) {
                if (!duringCommit && brokenConnection(s)) return true;
                if (DsqlErrors.isOccFailure(s.getSQLState(), s.getMessage())) return true;
                if (!duringCommit && "XX000".equals(s.getSQLState()) && s.getMessage() != null
                        && s.getMessage().contains("server unavailable")) return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) or 57P01/57P02 (the server ended the session): the session is gone, and nothing of a transaction
     * committed before COMMIT. Not when the socket timed out (a statement that outran its timeout
     * would only time out again) or the driver refused to buffer an oversized result.
     */
    public static boolean brokenConnection(SQLException s) {
        String state = s.getSQLState();
        if (state == null || !(state.startsWith("08") || state.equals("57P01") || state.equals("57P02"))) return false;
        if (s.getMessage() != null && s.getMessage().contains("maxResultBuffer")) return false;
        for (Throwable t = s.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) return false;
        }
        return true;
    }

    /** The pause before attempt {@code attempt + 1} (for callers that run their own retry loop, e.g. read-only transactions). */
    public Duration backoff(int attempt) {
        return delayFor(attempt);
    }

    Duration delayFor(int attempt) {
        double base = baseDelay.toMillis() * Math.pow(2, attempt - 1);
        double capped = Math.min(base, maxDelay.toMillis());
        double withJitter = capped + ThreadLocalRandom.current().nextDouble() * jitter * capped;
        return Duration.ofMillis((long) withJitter);
    }

    /** The last failure after every attempt failed with a retryable error. */
    public static final class OccRetryExhaustedException extends SQLException {
        private final int attempts;

        public OccRetryExhaustedException(SQLException cause, int attempts) {
            super(message(cause, attempts), cause.getSQLState(), cause);
            this.attempts = attempts;
        }

        private static String message(SQLException cause, int attempts) {
            String why = brokenConnection(cause)
                    ? "the connection to the database kept failing; check that the endpoint is reachable"
                    : "DSQL optimistic concurrency: another transaction kept changing the same rows, or the schema "
                    + "changed under it (OC000/OC001); wait a moment and run it again, reduce contention on those rows, "
                    + "or raise the retry limit";
            return "gave up after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + " (the retry limit; nothing "
                    + "was committed): " + cause.getMessage() + ". " + why;
        }

        public int attempts() {
            return attempts;
        }
    }
}
