package io.dsqlkit.migrate.schema;

/** Another run holds the migration lock (and its heartbeat is fresh). */
public final class LockHeldException extends MigrationException {
    private final String holder;

    public LockHeldException(String lockName, String holder, String heartbeatAge) {
        super("another migration run holds the lock '" + lockName + "' (owner " + holder + ", last heartbeat " + heartbeatAge
                + " ago); wait for it to finish. If that run is dead, its lock is taken over automatically once the "
                + "heartbeat is older than the stale timeout, or release it with 'dsqlkit migrate repair --release-lock'");
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
