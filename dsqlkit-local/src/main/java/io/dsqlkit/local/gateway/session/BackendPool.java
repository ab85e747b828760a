package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backend sessions kept after their clients left, for the next client of the same role with the same startup
 * parameters (PgBouncer's session pooling). A new PostgreSQL backend costs a fork and authentication at connect, and
 * more afterwards: each access to a shared buffer page it has not touched yet is a page fault, for hundreds of
 * thousands of transactions (bench/gateway: PostgreSQL spent ~35% more CPU per pgbench transaction behind fresh
 * backends than behind PgBouncer's warm ones).
 * <p>
 * A backend is kept only when it waits idle for a query ({@link BackendLink#reusable}: no transaction, no unsynced
 * extended-protocol exchange, no COPY) and no cancel can still reach it (its session forwarded none, the OCC arbiter
 * sent none). It is then reset with {@code DISCARD ALL} (settings, prepared statements, portals, LISTEN, advisory
 * locks, temporary objects, sequence state, role) and kept only if that succeeds. A client's backend is keyed by
 * its event loop too (a session and its backend share one), and all access to a key's idle backends is on that loop.
 * Idle backends are closed after {@value #IDLE_SECONDS_PROPERTY} seconds, are not reused once
 * {@value #MAX_AGE_SECONDS_PROPERTY} seconds old, and at most {@value #MAX_IDLE_PROPERTY} are kept (0: no pooling).
 */
final class BackendPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    static final String MAX_IDLE_PROPERTY = "dsqlkit.gateway.pool.maxIdle";
    static final String IDLE_SECONDS_PROPERTY = "dsqlkit.gateway.pool.idleSeconds";
    static final String MAX_AGE_SECONDS_PROPERTY = "dsqlkit.gateway.pool.maxAgeSeconds";
    static final String RESET = "DISCARD ALL";

    private record Key(EventLoop loop, Map<String, String> parameters) {}

    private final int maxIdle;
    private final Duration idleTimeout;
    private final long maxAgeNanos;
    private final Map<Key, ArrayDeque<BackendLink>> idle = new ConcurrentHashMap<>();
    /** Idle backends and backends being reset. */
    private final AtomicInteger kept = new AtomicInteger();
    /**
     * Bumped when a session changed what a new backend session starts with (see {@link #changesNewSessions}); a
     * backend opened before the last bump is not reused.
     */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean closed;

    BackendPool(int maxIdle, Duration idleTimeout, Duration maxAge) {
        this.maxIdle = maxIdle;
        this.idleTimeout = idleTimeout;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** As the system properties say; null when {@value #MAX_IDLE_PROPERTY} is 0. */
    static BackendPool fromSystemProperties() {
        int maxIdle = Integer.getInteger(MAX_IDLE_PROPERTY, 32);
        if (maxIdle <= 0) return null;
        return new BackendPool(maxIdle, Duration.ofSeconds(Long.getLong(IDLE_SECONDS_PROPERTY, 120)),
                Duration.ofSeconds(Long.getLong(MAX_AGE_SECONDS_PROPERTY, 1800)));
    }

    /**
     * Statements whose effect a backend session takes in once, when it starts: a role's or database's settings
     * (ALTER ROLE|USER|DATABASE ... SET/RESET, applied at backend start, and not by RESET ALL), whether a role exists
     * and may log in, and privileges checked at connect (CONNECT on the database). After one of them commits, a
     * new client must get a new backend, as it would on DSQL. Statement kinds as {@link io.dsqlkit.sql.Statement#kind}.
     */
    static boolean changesNewSessions(String kind) {
        return kind.startsWith("ALTER ROLE") || kind.startsWith("ALTER USER") || kind.startsWith("ALTER GROUP")
                || kind.startsWith("ALTER DATABASE") || kind.startsWith("DROP ROLE") || kind.startsWith("DROP USER")
                || kind.startsWith("DROP GROUP") || kind.startsWith("DROP OWNED") || kind.startsWith("REASSIGN OWNED")
                || kind.startsWith("GRANT") || kind.startsWith("REVOKE") || kind.startsWith("AWS");
    }

    /** The epoch a backend opened now belongs to. */
    long epoch() {
        return epoch.get();
    }

    /** A statement {@link #changesNewSessions} committed (or may have): no backend opened before now is reused. */
    void newSessionsChanged() {
        epoch.incrementAndGet();
    }

    private boolean reusable(BackendLink link) {
        return link.reusable(maxAgeNanos) && link.epoch() == epoch.get();
    }

    /** An idle backend for a session on {@code loop} with these startup parameters, or null; on {@code loop}. */
    BackendLink take(EventLoop loop, Map<String, String> parameters) {
        ArrayDeque<BackendLink> q = idle.get(new Key(loop, parameters));
        if (q == null) return null;
        BackendLink link;
        while ((link = q.pollLast()) != null) {
            kept.decrementAndGet();
            if (reusable(link)) return link;
            link.terminate();
        }
        return null;
    }

    /**
     * A session ended with {@code link} reusable and no cancel on its way to it: resets it and keeps it, or ends it;
     * on the link's loop. The caller has stopped the session's use of the link.
     */
    void release(Map<String, String> parameters, BackendLink link) {
        link.stopLifetime();
        link.autoRead(true);
        if (closed || !reusable(link)) {
            link.terminate();
            return;
        }
        if (kept.incrementAndGet() > maxIdle) {
            discard(link);
            return;
        }
        link.handTo(new Resetting(new Key(link.loop(), parameters), link));
        link.preparedReads.clear(); // DISCARD ALL deallocates them
        link.write(new FrontendMessage.Query(RESET));
        link.flush();
    }

    /** A reset backend joins the idle ones of its key. */
    private void keep(Key key, BackendLink link) {
        if (closed) {
            discard(link);
            return;
        }
        ArrayDeque<BackendLink> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        q.addLast(link);
        link.handTo(new Idle(q, link));
        link.loop().schedule(() -> {
            if (q.remove(link)) discard(link);
        }, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends a kept backend (being reset, or just taken off the idle ones). */
    private void discard(BackendLink link) {
        kept.decrementAndGet();
        link.terminate();
    }

    /** Ends the idle backends (each on its loop). */
    @Override
    public void close() {
        closed = true;
        idle.forEach((key, q) -> {
            if (key.loop().isShuttingDown()) return; // its channels close with it
            key.loop().execute(() -> {
                BackendLink link;
                while ((link = q.pollFirst()) != null) discard(link);
            });
        });
    }

    /** Idle backends kept now (tests). */
    int idleCount() {
        int n = 0;
        for (ArrayDeque<BackendLink> q : idle.values()) n += q.size();
        return n;
    }

    /** What a backend the pool holds reports: only its frames and its end concern the pool. */
    private abstract static class Held implements BackendLink.Events {
        @Override
        public void backendReadComplete() { }

        @Override
        public void backendWritabilityChanged() { }

        @Override
        public void backendUnavailable() { }
    }

    /** The backend's answers to DISCARD ALL: kept on ReadyForQuery 'I' without an error, else ended. */
    private final class Resetting extends Held {
        private final Key key;
        private final BackendLink link;
        private boolean failed;

        Resetting(Key key, BackendLink link) {
            this.key = key;
            this.link = link;
        }

        @Override
        public void backendFrame(Frame f) {
            switch (f.type()) {
                case BackendType.COMMAND_COMPLETE, BackendType.PARAMETER_STATUS, BackendType.NOTICE_RESPONSE,
                     BackendType.NOTIFICATION_RESPONSE -> { }
                case BackendType.READY_FOR_QUERY -> {
                    if (!failed && f.firstBodyByte() == 'I') keep(key, link);
                    else discard(link);
                }
                default -> {
                    if (f.type() == BackendType.ERROR_RESPONSE) {
                        LOG.log(System.Logger.Level.DEBUG, "backend reset failed: " + f.decodeBackend());
                    }
                    failed = true;
                }
            }
        }

        @Override
        public void backendLost() {
            discard(link);
        }
    }

    /** An idle backend: a notice, a notification or a reported parameter is fine; anything else ends it. */
    private final class Idle extends Held {
        private final ArrayDeque<BackendLink> queue;
        private final BackendLink link;

        Idle(ArrayDeque<BackendLink> queue, BackendLink link) {
            this.queue = queue;
            this.link = link;
        }

        @Override
        public void backendFrame(Frame f) {
            switch (f.type()) {
                case BackendType.PARAMETER_STATUS, BackendType.NOTICE_RESPONSE, BackendType.NOTIFICATION_RESPONSE -> { }
                default -> backendLost();
            }
        }

        @Override
        public void backendLost() {
            if (queue.remove(link)) discard(link);
        }
    }
}
