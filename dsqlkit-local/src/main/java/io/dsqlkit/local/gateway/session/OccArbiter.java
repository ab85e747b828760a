package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;


import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * DSQL's "no transaction waits for another" (dsql-facts §3) over PostgreSQL's row locks, for
 * {@link io.dsqlkit.local.gateway.OccModel#DSQL}. Every gateway session takes part. A thread looks
 * at the sessions whose backend has been busy for more than {@link #SLOW_NANOS}, asks PostgreSQL
 * which of them wait for a lock and who holds it ({@code pg_blocking_pids}, on a connection of its
 * own), and ends each wait at once by dooming one of the two transactions:
 * <ul>
 *   <li>the holder, normally: the waiting statement then proceeds and succeeds, and the holder's
 *       client gets OC000 at its next statement or at COMMIT, as DSQL's later committer would;</li>
 *   <li>the waiter, when the holder has the older priority: a session whose work was doomed before
 *       keeps the time of that first doom until it commits, so a transaction retried after OC000
 *       eventually wins (no livelock).</li>
 * </ul>
 * Locks held by anything else (a direct backend connection, an async job) are left to the lock
 * timeout, as in the PostgreSQL model.
 */
final class OccArbiter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    /** Backend work shorter than this is not looked at. */
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String BLOCKERS = "SELECT w, pg_blocking_pids(w) FROM unnest(?::int[]) AS w";

    /** One gateway session, as the arbiter sees it. Methods other than {@link #doom} are read from any thread. */
    interface Participant {
        /** The backend process id. */
        int pid();

        /** Since when the backend has been busy (System.nanoTime), 0 when idle. */
        long busySinceNanos();

        /** The session's transaction generation (see {@link SessionState#generation}). */
        long generation();

        /** The older (smaller) priority wins a conflict. */
        long priority();

        /** Its current transaction is doomed already (its hold or wait is ending). */
        boolean doomed();

        /** Fails transaction {@code generation} with OC000 and ends its hold or wait; any thread. */
        void doom(long generation);
    }

    private final GatewayConfig.BackendControl control;
    private final Map<Integer, Participant> byPid = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    OccArbiter(GatewayConfig.BackendControl control) {
        if (control == null) throw new IllegalArgumentException("--occ dsql needs a control connection to the backend");
        this.control = control;
        this.thread = new Thread(this::run, "dsqlkit-occ-arbiter");
        thread.setDaemon(true);
        thread.start();
    }

    void join(Participant p) {
        byPid.put(p.pid(), p);
    }

    void leave(Participant p) {
        byPid.remove(p.pid(), p);
    }

    /** The transaction to doom when {@code waiter} waits for {@code holder}. */
    static Participant loser(Participant waiter, Participant holder) {
        return holder.priority() < waiter.priority() ? waiter : holder;
    }

    private void run() {
        while (running) {
            try (Connection c = connect()) {
                while (running) {
                    scan(c);
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // The backend restarts or goes away: reconnect after a pause; waits fall back to the lock timeout meanwhile.
                LOG.log(System.Logger.Level.DEBUG, "OCC arbiter: " + e);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection c = control.connect();
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET application_name = 'dsqlkit-occ-arbiter'");
        }
        return c;
    }

    private void scan(Connection c) throws SQLException {
        long now = System.nanoTime();
        List<Integer> slow = new ArrayList<>();
        for (Participant p : byPid.values()) {
            long since = p.busySinceNanos();
            if (since != 0 && now - since > SLOW_NANOS) slow.add(p.pid());
        }
        if (slow.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(BLOCKERS)) {
            ps.setArray(1, c.createArrayOf("int4", slow.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Participant waiter = byPid.get(rs.getInt(1));
                    Array blockers = rs.getArray(2);
                    if (waiter == null || blockers == null || waiter.doomed()) continue;
                    for (Object b : (Object[]) blockers.getArray()) {
                        Participant holder = byPid.get(((Number) b).intValue());
                        if (holder == null || holder == waiter) continue;
                        if (holder.doomed()) {
                            holder.doom(holder.generation()); // still holding: make sure its abort or cancel happens
                            continue;
                        }
                        Participant loser = loser(waiter, holder);
                        loser.doom(loser.generation());
                        if (loser == waiter) break;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
