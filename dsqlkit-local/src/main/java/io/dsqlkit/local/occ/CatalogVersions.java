package io.dsqlkit.local.occ;

import io.dsqlkit.local.behaviour.SessionView;

import java.util.concurrent.atomic.AtomicLong;

/**
 * DSQL's cluster-wide catalog version (dsql-facts §3): every committed DDL bumps it, and a session
 * whose cached catalog predates the current version fails its next transaction once with OC001,
 * "including for changes committed before the transaction began" (§8.2), then has a fresh cache.
 * A new session starts with a fresh cache; a session that committed the DDL itself is up to date.
 */
public final class CatalogVersions {
    static final String SEEN = "dsqlkit.occ.catalogVersion";
    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    /** After a committed catalog change by {@code session} (null: by a background job). */
    public long bump(SessionView session) {
        long v = version.incrementAndGet();
        if (session != null) session.attributes().put(SEEN, v);
        return v;
    }

    /**
     * At transaction start: true if the session's cache is stale (the caller fails the transaction
     * with OC001). Either way the session's cache is current afterwards, as a retry on the same
     * session refreshes it on DSQL.
     */
    public boolean checkStale(SessionView session) {
        long now = version.get();
        Object seen = session.attributes().get(SEEN);
        if (seen instanceof Long s && s == now) return false; // the usual case: no write (this runs per transaction)
        session.attributes().put(SEEN, now);
        return seen instanceof Long s && s < now;
    }
}
