package io.dsqlkit.mcp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The state an attack could change, as one comparable string: rows of the given tables (optionally
 * of one tenant only), the catalog (every user relation), advisory locks, large objects, sequence
 * positions and table privileges. Read on a connection of its own, outside the server.
 */
public final class DatabaseFingerprint {
    private DatabaseFingerprint() {}

    /** Everything: rows of {@code tables}, positions of {@code sequences}, catalog, locks, large objects, ACLs. */
    public static String of(List<String> tables, List<String> sequences) throws Exception {
        List<String> parts = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            for (String t : tables) {
                parts.add(one(c, "SELECT md5(coalesce(string_agg(CAST(x AS text), ',' ORDER BY CAST(x AS text)), '')) FROM " + t + " x"));
                parts.add(one(c, "SELECT coalesce(array_to_string(relacl, ','), '') FROM pg_class WHERE oid = CAST('" + t + "' AS regclass)"));
            }
            for (String s : sequences) parts.add(one(c, "SELECT last_value || ':' || is_called FROM " + s));
            parts.add(one(c, "SELECT md5(string_agg(n.nspname || '.' || c.relname || ':' || CAST(c.relkind AS text) || ':' || c.relnatts, ',' "
                    + "ORDER BY 1)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"));
            parts.add(one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
            parts.add(one(c, "SELECT count(*) FROM pg_largeobject_metadata"));
            parts.add(one(c, "SELECT coalesce(string_agg(CAST(relname AS text), ','), '') FROM pg_class WHERE relname LIKE 'evil%'"));
        }
        return String.join("|", parts);
    }

    /** Rows of {@code tables} whose {@code column} is {@code value} (one tenant's data). */
    public static String rowsOf(List<String> tables, String column, String value) throws Exception {
        List<String> parts = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            for (String t : tables) {
                parts.add(one(c, "SELECT md5(coalesce(string_agg(CAST(x AS text), ',' ORDER BY CAST(x AS text)), '')) FROM " + t
                        + " x WHERE " + column + " = '" + value.replace("'", "''") + "'"));
            }
        }
        return String.join("|", parts);
    }

    private static String one(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return String.valueOf(rs.getString(1));
        }
    }
}
