package io.dsqlkit.local.gateway.session;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cancel keys the gateway gives its clients. A client's BackendKeyData carries its backend's process id and a
 * secret drawn by the gateway for that client session, never the backend's own secret: a backend outlives its
 * client when the {@link BackendPool} keeps it for the next one, and a key the first client kept must not cancel
 * the next client's statements. A CancelRequest is forwarded (with the backend's secret) only while the session
 * that was given the key is open; anything else is dropped without an answer, as PostgreSQL drops a wrong key.
 */
final class CancelKeys {
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Integer, Key> byPid = new ConcurrentHashMap<>();

    /** One client session's key. */
    static final class Key {
        private static final int LIVE = 0;
        private static final int USED = 1;
        private static final int ENDED = 2;

        final int processId;
        final int clientSecret;
        private final int backendSecret;
        private final AtomicInteger state = new AtomicInteger(LIVE);

        private Key(int processId, int clientSecret, int backendSecret) {
            this.processId = processId;
            this.clientSecret = clientSecret;
            this.backendSecret = backendSecret;
        }

        /**
         * Marks the key used for a cancel, unless its session ended: after {@link #end} returned, no cancel is
         * forwarded with it, so a backend given to another client cannot be reached with it.
         */
        private boolean use() {
            while (true) {
                int s = state.get();
                if (s == ENDED) return false;
                if (s == USED || state.compareAndSet(LIVE, USED)) return true;
            }
        }

        /** Ends the key; true when a cancel was forwarded with it (one may still be on its way to the backend). */
        boolean end() {
            return state.getAndSet(ENDED) == USED;
        }
    }

    /** A new key for a client session on backend {@code processId} (whose own secret is {@code backendSecret}). */
    Key issue(int processId, int backendSecret) {
        Key k = new Key(processId, random.nextInt(), backendSecret);
        byPid.put(processId, k);
        return k;
    }

    /** Ends {@code k} and forgets it; true when a cancel was forwarded with it (see {@link Key#end}). */
    boolean end(Key k) {
        byPid.remove(k.processId, k);
        return k.end();
    }

    /**
     * The backend's secret for a client's CancelRequest, or null when {@code (processId, clientSecret)} is no open
     * session's key.
     */
    Integer backendSecret(int processId, int clientSecret) {
        Key k = byPid.get(processId);
        if (k == null || k.clientSecret != clientSecret || !k.use()) return null;
        return k.backendSecret;
    }
}
