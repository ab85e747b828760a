package io.dsqlkit.local.occ;

import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;

import java.util.Optional;

/**
 * Maps PostgreSQL's concurrency failures to DSQL's OC000 (dsql-facts §3). With REPEATABLE READ and a
 * short lock_timeout, every write-write conflict PostgreSQL sees ends in one of these three:
 * 40001 when the other writer committed first, 55P03 when it still holds the row after the bounded
 * wait, 40P01 if a deadlock is detected before the lock timeout fires.
 */
public final class OccErrors {
    private OccErrors() {}

    public static Optional<DsqlError> translate(String sqlstate) {
        return translate(sqlstate, null);
    }

    /**
     * As {@link #translate(String)}, but leaves DSQL's own OCC errors alone: the gateway raises
     * OC001 (and injected OC000) through the backend, and they come back here as 40001.
     */
    public static Optional<DsqlError> translate(String sqlstate, String message) {
        if (sqlstate == null) return Optional.empty();
        if (message != null && (message.contains("(OC000)") || message.contains("(OC001)"))) return Optional.empty();
        return switch (sqlstate) {
            case "40001", "55P03", "40P01" -> Optional.of(DsqlErrors.OC000);
            default -> Optional.empty();
        };
    }
}
