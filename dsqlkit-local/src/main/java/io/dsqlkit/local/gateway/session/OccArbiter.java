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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * DSQL's "no transaction waits for another" (dsql-facts §3) over PostgreSQL's row locks, for
 * {@link io.dsqlkit.local.gateway.OccModel#DSQL}. Every gateway session takes part. While a session
 * has work in flight, a thread asks PostgreSQL on {@link OccCheckSchedule}'s schedule (1 ms after the
 * work started, at 2 ms, then every 4 ms) whether it waits for a lock and who holds it
 * ({@code pg_blocking_pids}, on the gateway's own superuser connection), and ends each wait at once
 * by dooming one of the two transactions:
 * <ul>
 *   <li>the holder, normally: the waiting statement then proceeds and succeeds, and the holder's
 *       client gets OC000 at its next statement or at COMMIT (the later writer wins);</li>
 *   <li>the waiter, when the holder has the older priority: a session whose work was doomed before
 *       keeps the time of that first doom until it commits, so a transaction retried after OC000
 *       eventually wins (no livelock).</li>
 * </ul>
 * A doomed session whose backend is busy has its statement cancelled through this connection
 * ({@code pg_cancel_backend}, asked for by the session's event loop). Locks held by anything else (a
 * direct backend connection, an async job) are left to the fallback lock timeout. With nothing in
 * flight that could wait for a lock (for {@link #LINGER_NANOS}) the thread sleeps: until work that may wait (anything but a
 * {@link PlainRead}) starts, or, while some transaction may hold an ACCESS EXCLUSIVE lock (which even a plain read
 * waits for), until any work starts. Under a read-only load (pgbench -S) it so sleeps throughout instead of waking
 * every tick (about one futex call per two transactions there; some 3% of a core under the MCP bench's reads).
 */
final class OccArbiter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    /** How often the thread wakes while work that could wait for a lock is in flight (each wake looks at the schedules only). */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * How long the thread keeps ticking after it last saw work that could wait for a lock, before it sleeps: under a
     * read-write load, a moment with only plain reads in flight is followed at once by another write, and sleeping
     * through it would cost a wake-up per write instead of one per tick.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final String BLOCKERS = "SELECT w, pg_blocking_pids(w) FROM unnest(?::int[]) AS w";
    private static final String CANCEL = "SELECT pg_cancel_backend(p) FROM unnest(?::int[]) AS p";

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

        /** Its work in flight may wait for a row or table lock; false for {@link PlainRead}s only. */
        default boolean mayWaitForLocks() {
            return true;
        }

        /**
         * It may hold ACCESS EXCLUSIVE locks (which even plain reads wait for): its transaction ran DDL, or
         * work other than plain reads is in flight.
         */
        default boolean mayHoldExclusiveLocks() {
            return true;
        }
    }

    private record Tracked(Participant participant, OccCheckSchedule schedule) {}

    private final GatewayConfig.BackendControl control;
    private final Map<Integer, Tracked> byPid = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> cancels = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** Awake: ticking while work that could wait for a lock is in flight. */
    private static final int AWAKE = 0;
    /** Asleep until any session's backend becomes busy (some transaction may hold an ACCESS EXCLUSIVE lock). */
    private static final int UNTIL_ANY_WORK = 1;
    /** Asleep until work that may wait for a lock starts (plain reads cannot wait while no exclusive lock is held). */
    private static final int UNTIL_LOCKING_WORK = 2;
    /** How the thread sleeps; {@link #busy} and {@link #cancel} wake it. */
    private volatile int sleep = AWAKE;

    OccArbiter(GatewayConfig.BackendControl control) {
        if (control == null) throw new IllegalArgumentException("--occ dsql needs a control connection to the backend");
        this.control = control;
        this.thread = new Thread(this::run, "dsqlkit-occ-arbiter");
        thread.setDaemon(true);
        thread.start();
    }

    void join(Participant p) {
        byPid.put(p.pid(), new Tracked(p, new OccCheckSchedule()));
        busy(true);
    }

    void leave(Participant p) {
        Tracked t = byPid.get(p.pid());
        if (t != null && t.participant() == p) byPid.remove(p.pid(), t);
    }

    /**
     * A session's backend became busy, or its work in flight turned out to be able to wait for a lock
     * ({@code mayWaitForLocks}): wakes the thread if it sleeps for want of such work (a volatile read otherwise).
     * The caller has published the session's new state (busy since, may wait) before calling.
     */
    void busy(boolean mayWaitForLocks) {
        int s = sleep;
        if (s == UNTIL_ANY_WORK || (s == UNTIL_LOCKING_WORK && mayWaitForLocks)) LockSupport.unpark(thread);
    }

    /** Cancels the statement backend {@code pid} runs ({@code pg_cancel_backend}); any thread. */
    void cancel(int pid) {
        cancels.add(pid);
        LockSupport.unpark(thread);
    }

    /** The transaction to doom when {@code waiter} waits for {@code holder}. */
    static Participant loser(Participant waiter, Participant holder) {
        return holder.priority() < waiter.priority() ? waiter : holder;
    }

    private void run() {
        long lastLockingWork = System.nanoTime() - LINGER_NANOS;
        while (running) {
            try (Connection c = connect()) {
                while (running) {
                    sendCancels(c);
                    long now = System.nanoTime();
                    List<Participant> scheduled = null;
                    boolean anyBusy = false;
                    boolean anyMayWait = false;
                    boolean exclusiveHeld = false;
                    for (Tracked t : byPid.values()) {
                        long since = t.participant().busySinceNanos();
                        if (since != 0) {
                            anyBusy = true;
                            if (t.participant().mayWaitForLocks()) anyMayWait = true;
                        }
                        if (t.participant().mayHoldExclusiveLocks()) exclusiveHeld = true;
                        if (t.schedule().due(since, now)) {
                            if (scheduled == null) scheduled = new ArrayList<>();
                            scheduled.add(t.participant());
                        }
                    }
                    // A plain read can only wait for an ACCESS EXCLUSIVE lock: with no DDL transaction among the
                    // sessions, it waits for no session, and asking PostgreSQL would only cost both sides CPU.
                    List<Integer> due = new ArrayList<>();
                    if (scheduled != null) {
                        for (Participant p : scheduled) if (exclusiveHeld || p.mayWaitForLocks()) due.add(p.pid());
                    }
                    if (!due.isEmpty()) resolve(c, due);
                    if (!cancels.isEmpty()) continue;
                    if (anyBusy && (exclusiveHeld || anyMayWait)) lastLockingWork = now;
                    if (now - lastLockingWork < LINGER_NANOS) LockSupport.parkNanos(this, TICK_NANOS);
                    else sleep(exclusiveHeld ? UNTIL_ANY_WORK : UNTIL_LOCKING_WORK);
                }
            } catch (SQLException | RuntimeException e) {
                // The backend restarts or goes away: reconnect after a pause; waits fall back to the lock timeout meanwhile.
                LOG.log(System.Logger.Level.DEBUG, "OCC arbiter: " + e);
                cancels.clear();
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    /** Parks until {@link #busy} (as {@code mode} says) or {@link #cancel} wakes the thread. */
    private void sleep(int mode) {
        sleep = mode;
        try {
            // Re-read after announcing the sleep: a session that became busy (or may now wait) meanwhile either sees
            // the mode (and unparks) or is seen here.
            for (Tracked t : byPid.values()) {
                Participant p = t.participant();
                if (p.busySinceNanos() != 0 && (mode == UNTIL_ANY_WORK || p.mayWaitForLocks())) return;
                if (mode == UNTIL_LOCKING_WORK && p.mayHoldExclusiveLocks()) return;
            }
            if (running && cancels.isEmpty()) LockSupport.park(this);
        } finally {
            sleep = AWAKE;
        }
    }

    private Connection connect() throws SQLException {
        Connection c = control.connect();
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET application_name = 'dsqlkit-occ-arbiter'");
        }
        return c;
    }

    private void sendCancels(Connection c) throws SQLException {
        if (cancels.isEmpty()) return;
        List<Integer> pids = new ArrayList<>();
        Integer p;
        while ((p = cancels.poll()) != null) if (!pids.contains(p)) pids.add(p);
        try (PreparedStatement ps = c.prepareStatement(CANCEL)) {
            ps.setArray(1, c.createArrayOf("int4", pids.toArray()));
            ps.execute();
        }
    }

    private void resolve(Connection c, List<Integer> waiting) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BLOCKERS)) {
            ps.setArray(1, c.createArrayOf("int4", waiting.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tracked w = byPid.get(rs.getInt(1));
                    Array blockers = rs.getArray(2);
                    if (w == null || blockers == null) continue;
                    Participant waiter = w.participant();
                    if (waiter.doomed()) continue;
                    for (Object b : (Object[]) blockers.getArray()) {
                        Tracked h = byPid.get(((Number) b).intValue());
                        if (h == null || h.participant() == waiter) continue;
                        Participant holder = h.participant();
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
        LockSupport.unpark(thread);
    }
}
