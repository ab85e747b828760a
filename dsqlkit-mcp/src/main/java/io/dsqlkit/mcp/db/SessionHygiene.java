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
 * function that takes a session lock, changes a setting, or runs SQL text. Then proved, at no extra
 * round trip: where the endpoint accepts {@code DISCARD ALL} (PostgreSQL) that resets everything;
 * where it does not (DSQL, local DSQL) the end-of-call {@code ROLLBACK} is sent together with one
 * query that lists what could have survived (session advisory locks, cursors, SQL-level prepared
 * statements, LISTEN channels, temporary objects, settings changed in the session other than the
 * driver's own application_name; cursors that are not WITH HOLD end with the transaction). Anything found,
 * or a check that fails, and the caller drops the connection instead of returning it to the pool.
 * An endpoint whose catalog lacks these views is remembered; there the guard's construction alone
 * keeps sessions clean (DSQL supports none of the features the check looks for, dsql-facts §1.1).
 */
public final class SessionHygiene {
    private static final Logger log = LoggerFactory.getLogger(SessionHygiene.class);

    static final String CHECK = """
            SELECT pg_catalog.concat_ws(', ',
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE l.pid = pg_catalog.pg_backend_pid()
                                AND l.locktype = 'advisory') THEN 'advisory locks' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_cursors c WHERE c.is_holdable) THEN 'open cursors' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_prepared_statements p WHERE p.from_sql) THEN 'prepared statements' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_listening_channels()) THEN 'LISTEN channels' END,
              CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = pg_catalog.pg_my_temp_schema())
                   THEN 'temporary objects' END,
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
            st.execute("ROLLBACK;\n" + CHECK);
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

    /** What a connection still holds, for tests and diagnostics: "" when clean. */
    public static String leftover(java.sql.Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CHECK)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
