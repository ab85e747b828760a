package io.dsqlkit.local.gateway;

import java.util.Locale;

/** Which concurrency model the gateway gives write-write conflicts between its own sessions. */
public enum OccModel {
    /**
     * PostgreSQL's, bounded: a writer waits for a row another open transaction holds, up to the
     * behaviour's lock timeout, then fails OC000 at that statement (the first writer wins).
     * {@code dsqlkit local --occ postgres}.
     */
    POSTGRES,
    /**
     * DSQL's (dsql-facts §3): no writer waits on another gateway session. When a statement would
     * wait, the gateway at once rolls back one of the two transactions on its backend connection;
     * that transaction's client gets OC000 at its next statement or at COMMIT. The default.
     */
    DSQL;

    public static OccModel parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql" -> POSTGRES;
            case "dsql" -> DSQL;
            default -> throw new IllegalArgumentException("unknown OCC model '" + s + "'; expected dsql or postgres");
        };
    }
}
