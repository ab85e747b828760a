package io.dsqlkit.mcp.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * No session state survives a call. Clean by construction first: the statement guard refuses
 * SET/RESET/PREPARE/DECLARE/LISTEN/DO/COPY and the {@link FunctionGuard} allowlist refuses every
 * function that takes a session lock, changes a setting, or runs SQL text. Then proved (no
 * {@code DISCARD ALL}: DSQL refuses it): a read's end-of-call {@code ROLLBACK} is sent together with
 * one query that lists what could survive it (session advisory locks and SQL-level prepared
 * statements; the ROLLBACK itself undoes the rest), at no extra round trip: in the read's own batch,
 * after its statement ({@link #endInBatch}), or, for an endpoint's first reads and reads of more rows than
 * one fetch, after the read's answer has gone back ({@link DeferredReleases}). A connection that may have COMMITted
 * (writes) is checked when given back ({@link #forWrites}), settings changed in the session other than
 * the driver's own application_name included, since a COMMIT keeps them. Anything found, or a check
 * that fails, and the connection is dropped instead of returned to the pool.
 * An endpoint whose catalog lacks these views is remembered; there the guard's construction alone
 * keeps sessions clean (DSQL supports none of the features the check looks for, dsql-facts §1.1).
 */
public final class SessionHygiene {
    private static final Logger log = LoggerFactory.getLogger(SessionHygiene.class);

    private static final String ADVISORY_LOCKS = """
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE l.pid = pg_catalog.pg_backend_pid()
                              AND l.locktype = 'advisory') THEN 'advisory locks' END""";
    private static final String PREPARED = """
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_prepared_statements p WHERE p.from_sql) THEN 'prepared statements' END""";
    private static final String CURSORS = """
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_cursors c WHERE c.is_holdable) THEN 'open cursors' END""";
    private static final String LISTEN = """
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_listening_channels()) THEN 'LISTEN channels' END""";
    // the session's temporary schema exists once it has made a temporary object (0 before): no pg_class scan
    private static final String TEMPORARY = """
            CASE WHEN pg_catalog.pg_my_temp_schema() <> 0 THEN 'temporary objects' END""";
    private static final String SETTINGS = """
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_settings s WHERE s.source = 'session'
                              AND s.name <> 'application_name') THEN 'changed settings' END""";

    /**
     * What survives a ROLLBACK, checked just before it: session advisory locks and SQL prepared statements, which are
     * not transactional. The rest is undone by the ROLLBACK itself: a WITH HOLD cursor whose transaction aborts is removed, LISTEN takes
     * effect only at COMMIT, temporary objects and settings changed in the transaction are rolled back with it (and a
     * connection enters the pool clean of all of them: writes are checked with {@link #CHECK} when given back).
     */
    static final String CHECK_BEFORE_ROLLBACK = check(ADVISORY_LOCKS, PREPARED);
    private static final String CHECK_THEN_ROLLBACK = CHECK_BEFORE_ROLLBACK + ";\nROLLBACK";

    /**
     * Whether this session can take an advisory lock at all: it may execute one of PostgreSQL's advisory-lock functions
     * (a superuser may execute every function), or there is a function that could take one for it: a SECURITY
     * DEFINER function outside pg_catalog whose source names them, or one in a language other than SQL and PL/pgSQL
     * (C code takes locks without a privilege check). False on local DSQL, whose engine lets no client role execute
     * them (DSQL has none, dsql-facts §1.1): the {@code pg_locks} scan, the check's dearest part (it reads every
     * backend slot of the server), is then left out of later checks.
     */
    private static final String ADVISORY_POSSIBLE = """
            EXISTS (SELECT 1 FROM pg_catalog.pg_proc p
                     WHERE pg_catalog.has_function_privilege(p.oid, 'EXECUTE')
                       AND CASE WHEN p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace
                                THEN p.proname LIKE 'pg\\_%advisory\\_%'
                                ELSE (p.prosecdef AND p.prosrc ILIKE '%advisory%')
                                     OR p.prolang NOT IN (SELECT l.oid FROM pg_catalog.pg_language l
                                                           WHERE l.lanname IN ('sql', 'plpgsql')) END)""";
    /**
     * The first check of an endpoint: also whether later ones must look for advisory locks. Should the question fail
     * (a catalog without what it reads), the answer is "yes" and the next read runs the plain check.
     */
    private static final String FIRST_CHECK_THEN_ROLLBACK = CHECK_BEFORE_ROLLBACK + ",\n" + ADVISORY_POSSIBLE + ";\nROLLBACK";
    /** The check where no advisory lock can be taken ({@link #ADVISORY_POSSIBLE} was false). */
    private static final String CHECK_WITHOUT_ADVISORY_THEN_ROLLBACK = check(PREPARED) + ";\nROLLBACK";

    /**
     * Everything, settings included: what survives a COMMIT. A setting changed inside a transaction (SET,
     * {@code set_config(..., false)} in a function) is undone by ROLLBACK but kept by COMMIT, so calls that may have
     * committed (writes) are checked with this ({@code pg_settings} evaluates every GUC of the server on each call).
     */
    static final String CHECK = check(ADVISORY_LOCKS, CURSORS, PREPARED, LISTEN, TEMPORARY, SETTINGS);

    private static String check(String... parts) {
        return "SELECT pg_catalog.concat_ws(', ',\n" + String.join(",\n", parts) + ")";
    }

    private static final Set<Database> UNCHECKABLE = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** Per endpoint, once its first check has answered: whether its sessions can take advisory locks. */
    private static final Map<Database, Boolean> ADVISORY = Collections.synchronizedMap(new WeakHashMap<>());

    private SessionHygiene() {}

    /**
     * Ends the call's transaction; when {@code verify}, proves in the same round trip that nothing
     * will survive it: the check runs first, inside the read's READ ONLY transaction (what it looks for
     * is not undone by the ROLLBACK, and local DSQL's OCC arbiter need not watch a statement there),
     * then the ROLLBACK. A transaction-scoped advisory lock still held at that point counts too (the
     * connection is dropped; the guards refuse those functions anyway). Returns false when the
     * connection must be dropped.
     */
    public static boolean rollback(java.sql.Connection c, Database db, boolean verify) throws SQLException {
        if (!verify || UNCHECKABLE.contains(db)) {
            try (Statement st = c.createStatement()) {
                st.execute("ROLLBACK");
            }
            return true;
        }
        String leftover;
        Boolean advisory = ADVISORY.get(db);
        String sql = advisory == null ? FIRST_CHECK_THEN_ROLLBACK : advisory ? CHECK_THEN_ROLLBACK : CHECK_WITHOUT_ADVISORY_THEN_ROLLBACK;
        // a prepared statement: pgjdbc keeps it server-side after a few uses, so the text is not sent (nor lexed by a
        // proxy such as local DSQL's gateway) on every read
        try (java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
            try (ResultSet rs = st.getResultSet()) {
                boolean row = rs != null && rs.next();
                leftover = row ? rs.getString(1) : null;
                if (row && advisory == null) ADVISORY.put(db, rs.getBoolean(2));
            }
        } catch (SQLException e) {
            // the ROLLBACK was skipped: the connection is dropped either way
            if (advisory == null && !passing(e)) {
                // the catalog may lack what the first check's question reads: ask no more, and keep the scan
                log.debug("advisory-lock question unanswered ({}); keeping the full check", e.getSQLState());
                ADVISORY.put(db, true);
            } else {
                unavailable(db, e);
            }
            return false;
        }
        return nothingLeft(leftover);
    }

    /** The check's answer ({@code null}: none came) as a verdict: true when nothing was left behind. */
    private static boolean nothingLeft(String leftover) {
        if (leftover != null && leftover.isEmpty()) return true;
        log.warn("a call left session state behind ({}); dropping the connection", leftover == null ? "no answer" : leftover);
        return false;
    }

    /**
     * The end of a read sent in the read's own batch, after its statement ({@link SqlExecutor}): the check as
     * {@link #rollback} would run it, then the ROLLBACK; on an endpoint found uncheckable, the ROLLBACK alone. Null
     * while the endpoint's first check has not answered: its first reads end in a round trip of their own, which also
     * learns whether later checks must look for advisory locks (and whether the endpoint can be checked at all), so a
     * check that cannot run never fails a read's batch.
     */
    static BatchEnd endInBatch(Database db) {
        if (UNCHECKABLE.contains(db)) return new BatchEnd("ROLLBACK", false);
        Boolean advisory = ADVISORY.get(db);
        if (advisory == null) return null;
        return new BatchEnd(advisory ? CHECK_THEN_ROLLBACK : CHECK_WITHOUT_ADVISORY_THEN_ROLLBACK, true);
    }

    /** What {@link #endInBatch} appends: {@code sql}, which starts with the check when {@code checked}. */
    record BatchEnd(String sql, boolean checked) {
        /**
         * After the batch ran and the read's own result was read from {@code st}: the check's answer and the
         * ROLLBACK's completion, and nothing after them, read from {@code st}, and the server idle (outside any
         * transaction) as pgjdbc last saw it. True when the connection may go back to the pool as it is.
         */
        boolean endedClean(java.sql.Statement st, java.sql.Connection c) throws SQLException {
            String leftover = "";
            if (checked) {
                if (!st.getMoreResults()) return false;
                try (ResultSet rs = st.getResultSet()) {
                    leftover = rs.next() ? rs.getString(1) : null;
                }
            }
            if (st.getMoreResults() || st.getUpdateCount() < 0) return false; // the ROLLBACK's completion
            if (st.getMoreResults() || st.getUpdateCount() >= 0) return false; // and nothing after it
            if (c.unwrap(org.postgresql.core.BaseConnection.class).getTransactionState()
                    != org.postgresql.core.TransactionState.IDLE) return false;
            return nothingLeft(leftover);
        }
    }

    /**
     * A failed check. A passing failure (SQLSTATE class 08 connection, 40 transaction rollback such as DSQL's OC001
     * after a catalog change, 53 resources, 57 operator intervention, or no SQLSTATE at all, which is how the driver
     * reports I/O errors) only drops this connection: a blip must not switch the check off for the rest of the process.
     * Anything else means the endpoint lacks what the check reads (42P01 no such view, 42883 or DSQL's 0A000 "function
     * not supported", 42501 no permission ...): it is remembered as uncheckable, so that the guards alone are relied on
     * there instead of every read dropping its connection.
     */
    private static void unavailable(Database db, SQLException e) {
        if (passing(e)) {
            log.debug("session check failed ({}); dropping the connection", e.getSQLState());
            return;
        }
        log.info("session check unavailable on {} ({}); relying on the statement and function guards", db.description(),
                e.getSQLState());
        UNCHECKABLE.add(db);
    }

    /** A failure of the connection or the transaction, not of what the check reads (see {@link #unavailable}). */
    private static boolean passing(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57");
    }

    /**
     * After a COMMIT (the connection is idle, outside any transaction): whether nothing survived the call, settings
     * included ({@link #CHECK}). One round trip, on write paths only. False when the connection must be dropped.
     */
    public static boolean afterCommit(java.sql.Connection c, Database db) {
        if (UNCHECKABLE.contains(db)) return true;
        String leftover;
        try {
            leftover = leftover(c);
        } catch (SQLException e) {
            unavailable(db, e);
            return false;
        } catch (RuntimeException e) {
            log.debug("session check failed: {}", e.toString());
            return false;
        }
        if (leftover.isEmpty()) return true;
        log.warn("a committed call left session state behind ({}); dropping the connection", leftover);
        return false;
    }

    /**
     * {@code db}'s pool, handing out connections that are checked ({@link #afterCommit}) when given back: a
     * connection that kept session state is evicted from the pool instead of returned to it. For write paths
     * ({@link io.dsqlkit.client.OccRetry#run}), whose COMMIT keeps what a ROLLBACK would undo.
     */
    public static javax.sql.DataSource checkedOnReturn(Database db, java.util.function.Consumer<java.sql.Connection> evict) {
        javax.sql.DataSource ds = db.dataSource();
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(SessionHygiene.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, m, args) -> {
                    Object out = invoke(ds, m, args);
                    if (!m.getName().equals("getConnection")) return out;
                    java.sql.Connection c = (java.sql.Connection) out;
                    boolean[] closed = {false};
                    return java.lang.reflect.Proxy.newProxyInstance(SessionHygiene.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p2, m2, a2) -> {
                                if (m2.getName().equals("close") && (a2 == null || a2.length == 0)) {
                                    if (closed[0]) return null;
                                    closed[0] = true;
                                    boolean clean;
                                    try {
                                        clean = !c.isClosed() && c.getAutoCommit() && afterCommit(c, db);
                                    } catch (SQLException e) {
                                        clean = false;
                                    }
                                    if (clean) c.close();
                                    else evict.accept(c);
                                    return null;
                                }
                                return invoke(c, m2, a2);
                            });
                });
    }

    /**
     * {@code db}'s pool for anything that may COMMIT (execute, transact, migrations, batches): connections given back
     * with session state left are evicted (HikariCP) or aborted instead of pooled.
     */
    public static javax.sql.DataSource forWrites(Database db) {
        return checkedOnReturn(db, c -> {
            if (db.dataSource() instanceof com.zaxxer.hikari.HikariDataSource h) {
                try {
                    h.evictConnection(c);
                    return;
                } catch (RuntimeException e) {
                    log.debug("evicting a connection failed: {}", e.toString());
                }
            }
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already broken
            }
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Whether calls on {@code db} are checked at all (false once its catalog proved to lack what the check reads). */
    public static boolean checksSessions(Database db) {
        return !UNCHECKABLE.contains(db);
    }

    /** Whether reads on {@code db} are checked for advisory locks: null until its first check has answered. */
    public static Boolean checksAdvisoryLocks(Database db) {
        return ADVISORY.get(db);
    }

    /** What a connection still holds, for tests and diagnostics: "" when clean. */
    public static String leftover(java.sql.Connection c) throws SQLException {
        try (java.sql.PreparedStatement st = c.prepareStatement(CHECK); ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
