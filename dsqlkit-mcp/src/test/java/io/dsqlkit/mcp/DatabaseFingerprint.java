package io.dsqlkit.mcp;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The state an attack could change, as one comparable string: rows of the given tables (optionally
 * of one tenant only), the catalog (every user relation), advisory locks, large objects, sequence
 * positions and table privileges. Read on a connection of its own, outside the server.
 */
public final class DatabaseFingerprint {
    private DatabaseFingerprint() {}

    /** Everything {@link Fingerprint} covers, for these tables and sequences (rows, catalog and ACLs, locks, large objects ...). */
    public static String of(List<String> tables, List<String> sequences) throws Exception {
        Fingerprint f = new Fingerprint();
        tables.forEach(f::table);
        sequences.forEach(f::sequence);
        return f.take();
    }

    /** Rows of {@code tables} whose {@code column} is {@code value} (one tenant's data). */
    public static String rowsOf(List<String> tables, String column, String value) throws Exception {
        List<String> parts = new ArrayList<>();
        try (Connection c = TestDatabase.connect()) {
            for (String t : tables) {
                parts.add(Fingerprint.one(c, "SELECT md5(coalesce(string_agg(CAST(x AS text), ',' ORDER BY CAST(x AS text)), '')) FROM " + t
                        + " x WHERE " + column + " = '" + value.replace("'", "''") + "'"));
            }
        }
        return String.join("|", parts);
    }
}
