package io.dsqlkit.mcp.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * No session state survives a call. Clean by construction first: the statement guard refuses
 * SET/RESET/PREPARE/DECLARE/LISTEN/DO/COPY and the {@link FunctionGuard} allowlist refuses every
 * function that takes a session lock, changes a setting, or runs SQL text. Then proved (no
 * {@code DISCARD ALL}: DSQL refuses it): a read's end-of-call {@code ROLLBACK} is sent together with
 * one query that lists what could have survived it (session advisory locks, holdable cursors,
 * SQL-level prepared statements, LISTEN channels, temporary objects; the ROLLBACK itself undoes
 * settings changed in the transaction), at no extra round trip. A connection that may have COMMITted
 * (writes) is checked when given back ({@link #forWrites}), settings changed in the session other than
 * the driver's own application_name included, since a COMMIT keeps them. Anything found, or a check
 * that fails, and the connection is dropped instead of returned to the pool.
 * An endpoint whose catalog lacks these views is remembered; there the guard's construction alone
 * keeps sessions clean (DSQL supports none of the features the check looks for, dsql-facts §1.1).
 */
public final class SessionHygiene {
    private static final Logger log = LoggerFactory.getLogger(SessionHygiene.class);

    /** What survives a ROLLBACK: session locks, holdable cursors, SQL prepared statements, LISTEN, temporary objects. */
    static final String CHECK_AFTER_ROLLBACK = """
            SELECT pg_catalog.concat_ws(', ',
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE l.pid = pg_catalog.pg_backend_pid()
                                AND l.locktype = 'advisory') THEN 'advisory locks' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_cursors c WHERE c.is_holdable) THEN 'open cursors' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_prepared_statements p WHERE p.from_sql) THEN 'prepared statements' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_listening_channels()) THEN 'LISTEN channels' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = pg_catalog.pg_my_temp_schema())
                   THEN 'temporary objects' END""";

    /**
     * Everything, settings included: what survives a COMMIT. A setting changed inside a transaction (SET,
     * {@code set_config(..., false)} in a function) is undone by ROLLBACK but kept by COMMIT, so calls that may have
     * committed (writes) are checked with this; reads, which always end in ROLLBACK, skip the settings scan
     * ({@code pg_settings} evaluates every GUC of the server on each call).
     */
    static final String CHECK = CHECK_AFTER_ROLLBACK + """
            ,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_settings s WHERE s.source = 'session'
                                AND s.name <> 'application_name') THEN 'changed settings' END)""";

    private static final Set<Database> UNCHECKABLE = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private SessionHygiene() {}

    /**
     * Ends the call's transaction; when {@code verify}, proves in the same round trip that nothing
     * survived it. Returns false when the connection must be dropped.
     */
    public static boolean rollback(Statement st, Database db, boolean verify) throws SQLException {
        if (!verify || UNCHECKABLE.contains(db)) {
            st.execute("ROLLBACK");
            return true;
        }
        try {
            st.execute("ROLLBACK;\n" + CHECK_AFTER_ROLLBACK + ")");
        } catch (SQLException e) {
            // the ROLLBACK went first; the check's views are missing on this endpoint
            log.info("session check unavailable on {} ({}); relying on the statement and function guards", db.description(),
                    e.getSQLState());
            UNCHECKABLE.add(db);
            return false;
        }
        String leftover = leftover(st);
        if (leftover != null && leftover.isEmpty()) return true;
        log.warn("a call left session state behind ({}); dropping the connection", leftover == null ? "no answer" : leftover);
        return false;
    }

    /** The check's answer: the second result of the batch ("" when clean). */
    private static String leftover(Statement st) throws SQLException {
        while (true) {
            if (st.getMoreResults()) {
                try (ResultSet rs = st.getResultSet()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
            if (st.getUpdateCount() == -1) return null;
        }
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
        } catch (SQLException | RuntimeException e) {
            log.info("session check unavailable on {} ({}); relying on the statement and function guards", db.description(),
                    e instanceof SQLException se ? se.getSQLState() : e.toString());
            UNCHECKABLE.add(db);
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

    /** What a connection still holds, for tests and diagnostics: "" when clean. */
    public static String leftover(java.sql.Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CHECK)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
