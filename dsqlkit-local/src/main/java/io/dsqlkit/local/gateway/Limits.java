package io.dsqlkit.local.gateway;

import java.time.Duration;

/**
 * DSQL's per-transaction and per-connection limits (dsql-facts §2), configurable so tests can make
 * them small. Catalog quotas (indexes, columns, tables, schemas...) belong to the behaviour layer.
 *
 * @param maxTransactionRows  rows a transaction may modify; the statement crossing it fails (54000)
 * @param maxTransactionBytes bytes a transaction may modify, checked at COMMIT (54000)
 * @param maxTransactionAge   checked at COMMIT (54000)
 * @param maxConnectionAge    the connection is closed after this long
 * @param maxMessageBytes     larger protocol messages are refused with 08P01 and the connection closed
 */
public record Limits(int maxTransactionRows, long maxTransactionBytes, Duration maxTransactionAge,
                     Duration maxConnectionAge, int maxMessageBytes) {
    public static final Limits DSQL = new Limits(3_000, 10L * 1024 * 1024, Duration.ofSeconds(300),
            Duration.ofMinutes(60), 10 * 1024 * 1024);

    public Limits {
        if (maxTransactionRows < 1) throw new IllegalArgumentException("maxTransactionRows must be >= 1");
        if (maxTransactionBytes < 1) throw new IllegalArgumentException("maxTransactionBytes must be >= 1");
        if (maxTransactionAge.isNegative() || maxTransactionAge.isZero()) throw new IllegalArgumentException("maxTransactionAge must be > 0");
        if (maxConnectionAge.isNegative() || maxConnectionAge.isZero()) throw new IllegalArgumentException("maxConnectionAge must be > 0");
        if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes must be >= 1024");
    }

    public Limits withMaxTransactionRows(int n) {
        return new Limits(n, maxTransactionBytes, maxTransactionAge, maxConnectionAge, maxMessageBytes);
    }

    public Limits withMaxTransactionBytes(long n) {
        return new Limits(maxTransactionRows, n, maxTransactionAge, maxConnectionAge, maxMessageBytes);
    }

    public Limits withMaxTransactionAge(Duration d) {
        return new Limits(maxTransactionRows, maxTransactionBytes, d, maxConnectionAge, maxMessageBytes);
    }

    public Limits withMaxConnectionAge(Duration d) {
        return new Limits(maxTransactionRows, maxTransactionBytes, maxTransactionAge, d, maxMessageBytes);
    }

    public Limits withMaxMessageBytes(int n) {
        return new Limits(maxTransactionRows, maxTransactionBytes, maxTransactionAge, maxConnectionAge, n);
    }
}
