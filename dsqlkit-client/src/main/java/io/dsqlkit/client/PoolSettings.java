package io.dsqlkit.client;

import java.time.Duration;

/**
 * Connection pool limits and checks. A pooled connection is not pinged before each use (that is a round trip
 * on every call after 500 ms idle); idle connections are checked in the background every
 * {@code keepalive} instead, and callers retry on a broken connection ({@link OccRetry#brokenConnection}).
 * {@code maxResultBytes} bounds what the driver buffers for one fetch (0 = no bound): a row bigger
 * than that fails with SQLSTATE 54000 instead of exhausting the heap.
 * <p>
 * DSQL closes connections after 60 minutes (dsql-facts §2, §5), so the
 * default maximum lifetime is 50 minutes (HikariCP subtracts up to 2.5% at random per connection so
 * they do not all retire together). Tests shrink everything (HikariCP's floor is 30 s).
 */
public record PoolSettings(int maxPoolSize, Duration maxLifetime, Duration connectionTimeout, Duration idleTimeout,
                           Duration keepalive, long maxResultBytes) {
    public static final long DEFAULT_MAX_RESULT_BYTES = 64L << 20;

    public static PoolSettings defaults() {
        return new PoolSettings(10, Duration.ofMinutes(50), Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofMinutes(2), DEFAULT_MAX_RESULT_BYTES);
    }

    public PoolSettings withMaxLifetime(Duration d) {
        return new PoolSettings(maxPoolSize, d, connectionTimeout, idleTimeout, keepalive, maxResultBytes);
    }

    public PoolSettings withMaxPoolSize(int n) {
        return new PoolSettings(n, maxLifetime, connectionTimeout, idleTimeout, keepalive, maxResultBytes);
    }

    public PoolSettings withMaxResultBytes(long n) {
        return new PoolSettings(maxPoolSize, maxLifetime, connectionTimeout, idleTimeout, keepalive, n);
    }
}
