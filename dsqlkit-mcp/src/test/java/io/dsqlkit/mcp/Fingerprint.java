package io.dsqlkit.mcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The state an attack could change, as one string compared before and after: rows of the given
 * tables, sequences, the catalog, locks (this session's and every other's), large objects, server
 * settings, whether watched sessions are still alive, and whether watched files exist.
 */
final class Fingerprint {
    private final List<String> tables = new ArrayList<>();
    private final List<String> sequences = new ArrayList<>();
    private final List<Connection> sessions = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    Fingerprint table(String t) {
        tables.add(t);
        return this;
    }

    Fingerprint sequence(String s) {
        sequences.add(s);
        return this;
    }

    /** A live session that must stay alive (attacks try to terminate or cancel it). */
    Fingerprint session(Connection c) {
        sessions.add(c);
        return this;
    }

    /** A file that must not appear (attacks try to create it). */
    Fingerprint file(Path p) {
        files.add(p);
        return this;
    }

    String take() throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            for (String t : tables) {
                parts.add(t + "=" + one(c, "SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM " + t + " x"));
            }
            for (String s : sequences) parts.add(s + "=" + one(c, "SELECT last_value || ':' || is_called FROM " + s));
            parts.add("catalog=" + one(c, "SELECT md5(string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || c.relnatts "
                    + "|| ':' || coalesce(array_to_string(c.relacl, ','), ''), ',' ORDER BY 1)) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"));
            parts.add("functions=" + one(c, "SELECT count(*) FROM pg_proc WHERE pronamespace <> 'pg_catalog'::regnamespace"));
            parts.add("advisoryLocks=" + one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
            // a lock held by an idle session outlived the statement that took it (session-level locks, open transactions);
            // a read's ROLLBACK runs just after its answer (the server's deferred release), so an open transaction gets a
            // few seconds to end first: one that stays open is still counted
            String idleLocks = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    + "WHERE l.pid <> pg_backend_pid() AND a.state IN ('idle', 'idle in transaction') AND l.locktype <> 'virtualxid'";
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            String held = one(c, idleLocks);
            while (!held.equals("0") && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                held = one(c, idleLocks);
            }
            parts.add("idleSessionsLocks=" + held);
            parts.add("largeObjects=" + one(c, "SELECT count(*) FROM pg_largeobject_metadata"));
            parts.add("settings=" + one(c, "SELECT md5(coalesce(string_agg(name || '=' || setting, ',' ORDER BY name), '')) "
                    + "FROM pg_settings WHERE source NOT IN ('default', 'client', 'session')"));
        }
        for (Connection s : sessions) parts.add("sessionAlive=" + s.isValid(5));
        for (Path f : files) parts.add(f.getFileName() + "=" + Files.exists(f));
        return String.join("|", parts);
    }

    static String one(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return String.valueOf(rs.getString(1));
        }
    }
}
