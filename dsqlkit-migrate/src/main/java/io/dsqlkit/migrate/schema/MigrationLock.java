package io.dsqlkit.migrate.schema;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.support.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Mutual exclusion of {@code migrate apply} runs without advisory locks (DSQL has none: 0A000
 * {@code function pg_advisory_lock not supported}, dsql-facts §1.1): a row in a lock table taken in
 * a transaction. Two runs racing for it both write the same key, so DSQL's OCC fails the later
 * committer with 40001 (§3; on plain PostgreSQL the loser gets 23505 or 40001); the loser then
 * reads the row and reports its holder. A heartbeat keeps the row fresh; a row whose heartbeat is
 * older than {@code staleAfter} belongs to a dead run and is taken over by an UPDATE that is again
 * adjudicated by OCC.
 */
public final class MigrationLock implements AutoCloseable {
    public static final String TABLE = "dsqlkit_migration_lock";

    private final DataSource dataSource;
    private final String name;
    private final String owner;
    private final Duration staleAfter;
    private ScheduledExecutorService heartbeat;
    private volatile boolean lost;

    public MigrationLock(DataSource dataSource, String name, String owner, Duration staleAfter) {
        this.dataSource = dataSource;
        this.name = name;
        this.owner = owner;
        this.staleAfter = staleAfter;
    }

    public static void ensureTable(Connection c) throws SQLException {
        Sql.createIfMissing(c, TABLE, "CREATE TABLE IF NOT EXISTS " + TABLE + " (name text PRIMARY KEY, owner text NOT NULL,"
                    + " acquired_at timestamptz NOT NULL, heartbeat_at timestamptz NOT NULL)");
    }

    /** Takes the lock or throws {@link LockHeldException}; starts the heartbeat. */
    public MigrationLock acquire() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
        }
        OccRetry once = OccRetry.of(1, Duration.ofMillis(1), Duration.ofMillis(1));
        // The race was lost at COMMIT (40001) or on the key (23505): look again at who holds it, three times at most.
        return OccRetry.retrying(3, e -> "40001".equals(Sql.state(e)) || "23505".equals(Sql.state(e)) || OccRetry.isRetryable(e, false),
                attempt -> Duration.ZERO, attempt -> {
                    String blocker = once.run(dataSource, this::tryTake).value();
                    if (blocker != null) {
                        throw new LockHeldException(name, blocker.substring(0, blocker.indexOf('\n')),
                                blocker.substring(blocker.indexOf('\n') + 1));
                    }
                    startHeartbeat();
                    return this;
                }, (last, attempts) -> {
                    throw new LockHeldException(name, "(another run that took it at the same moment)", "0s");
                });
    }

    /** Null when taken, else "owner\nage" of the current holder. */
    private String tryTake(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, heartbeat_at < now() - CAST(? AS interval),"
                + " CAST(date_trunc('second', now() - heartbeat_at) AS text) FROM " + TABLE + " WHERE name = ? FOR UPDATE")) {
            ps.setString(1, staleAfter.toMillis() + " milliseconds");
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String holder = rs.getString(1);
                    boolean stale = rs.getBoolean(2);
                    if (!stale && !holder.equals(owner)) return holder + "\n" + rs.getString(3);
                    try (PreparedStatement up = c.prepareStatement("UPDATE " + TABLE
                            + " SET owner = ?, acquired_at = now(), heartbeat_at = now() WHERE name = ?")) {
                        up.setString(1, owner);
                        up.setString(2, name);
                        up.executeUpdate();
                    }
                    return null;
                }
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE
                + " (name, owner, acquired_at, heartbeat_at) VALUES (?, ?, now(), now())")) {
            ins.setString(1, name);
            ins.setString(2, owner);
            ins.executeUpdate();
        }
        return null;
    }

    private void startHeartbeat() {
        long every = Math.max(200, staleAfter.toMillis() / 4);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dsqlkit-migration-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET heartbeat_at = now()"
                         + " WHERE name = ? AND owner = ?")) {
                c.setAutoCommit(true);
                ps.setString(1, name);
                ps.setString(2, owner);
                if (ps.executeUpdate() == 0) lost = true;
            } catch (SQLException e) {
                // a missed beat is retried at the next tick; only a taken-over row means the lock is lost
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Throws when another run took the lock over (our heartbeat stalled past the stale timeout). */
    public void check() {
        if (lost) throw new MigrationException("the migration lock '" + name + "' was taken over by another run "
                + "(this run's heartbeat stalled for longer than the stale timeout); stopping before the next statement");
    }

    public String owner() {
        return owner;
    }

    /** Deletes the lock row whoever holds it (repair --release-lock). */
    public static int release(DataSource ds, String name) throws SQLException {
        try (Connection c = ds.getConnection()) {
            ensureTable(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        }
    }

    /** Deletes the lock row if {@code owner} holds it (a run stopped by Ctrl-C releases its own lock). */
    public static int release(DataSource ds, String name, String owner) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ? AND owner = ?")) {
            c.setAutoCommit(true);
            ps.setString(1, name);
            ps.setString(2, owner);
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (heartbeat != null) heartbeat.shutdownNow();
        try {
            release(dataSource, name, owner);
        } catch (SQLException e) {
            System.err.println("warning: could not release migration lock '" + name + "': " + Sql.message(e)
                    + " (it is taken over once stale)");
        }
    }
}
