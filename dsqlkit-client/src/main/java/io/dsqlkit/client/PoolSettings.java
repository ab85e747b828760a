package io.dsqlkit.client;

import java.time.Duration;

/**
 * Connection pool limits. DSQL closes connections after 60 minutes (dsql-facts §2, §5), so the
 * default maximum lifetime is 50 minutes (HikariCP subtracts up to 2.5% at random per connection so
 * they do not all retire together). Tests shrink everything (HikariCP's floor is 30 s).
 */
public record PoolSettings(int maxPoolSize, Duration maxLifetime, Duration connectionTimeout, Duration idleTimeout,
                           Duration keepalive) {
    public static PoolSettings defaults() {
        return new PoolSettings(10, Duration.ofMinutes(50), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ZERO);
    }

    public PoolSettings withMaxLifetime(Duration d) {
        return new PoolSettings(maxPoolSize, d, connectionTimeout, idleTimeout, keepalive);
    }

    public PoolSettings withMaxPoolSize(int n) {
        return new PoolSettings(n, maxLifetime, connectionTimeout, idleTimeout, keepalive);
    }
}
