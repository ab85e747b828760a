package io.dsqlkit.migrate.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which input lines are done, per load id: each committed chunk inserts its row (first_line,
 * last_line, rows) in the same transaction as its COPY, so a chunk is loaded exactly when its
 * manifest row exists, and a re-run skips exactly the lines already covered. Row first_line = 0
 * holds the table's row count before the load (the baseline for the final count check).
 */
public final class LoadManifest {
    public static final String TABLE = "dsqlkit_load_manifest";
    /** The first_line of a load's fingerprint row (line 0 is the baseline, data lines start at 1). */
    static final long FINGERPRINT_LINE = -1;

    private final String table;

    public LoadManifest(String table) {
        this.table = table;
    }

    public void ensure(Connection c) throws SQLException {
        io.dsqlkit.migrate.support.Sql.createIfMissing(c, table, "CREATE TABLE IF NOT EXISTS " + table + " (load_id text NOT NULL, first_line bigint NOT NULL,"
                    + " last_line bigint NOT NULL, rows_loaded integer NOT NULL, rows_rejected integer NOT NULL, reason text,"
                    + " committed_at timestamptz NOT NULL, PRIMARY KEY (load_id, first_line))");
    }

    /** What earlier runs of a load committed. */
    public record State(Long baseline, long[][] covered, Map<Long, String> rejected, long loaded) {
        public boolean covers(long line) {
            int lo = 0;
            int hi = covered.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (covered[mid][1] < line) lo = mid + 1;
                else if (covered[mid][0] > line) hi = mid - 1;
                else return true;
            }
            return false;
        }
    }

    public State read(Connection c, String loadId) throws SQLException {
        Long baseline = null;
        List<long[]> ranges = new ArrayList<>();
        Map<Long, String> rejected = new HashMap<>();
        long loaded = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT first_line, last_line, rows_loaded, rows_rejected, reason FROM "
                + table + " WHERE load_id = ? ORDER BY first_line")) {
            ps.setString(1, loadId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long first = rs.getLong(1);
                    if (first == FINGERPRINT_LINE) continue;
                    if (first == 0) {
                        baseline = rs.getLong(3);
                        continue;
                    }
                    ranges.add(new long[]{first, rs.getLong(2)});
                    loaded += rs.getInt(3);
                    if (rs.getInt(4) > 0) rejected.put(first, rs.getString(5));
                }
            }
        }
        // Merge overlapping ranges (a resumed run's chunk may span lines an earlier run covered).
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(r.clone());
            }
        }
        return new State(baseline, merged.toArray(new long[0][]), rejected, loaded);
    }

    public void insert(Connection c, String loadId, long first, long last, int loaded, int rejected, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (load_id, first_line, last_line, rows_loaded,"
                + " rows_rejected, reason, committed_at) VALUES (?, ?, ?, ?, ?, ?, now())")) {
            ps.setString(1, loadId);
            ps.setLong(2, first);
            ps.setLong(3, last);
            ps.setInt(4, loaded);
            ps.setInt(5, rejected);
            ps.setString(6, reason);
            ps.executeUpdate();
        }
    }

    /**
     * The fingerprint of what a load inserts (e.g. a hash of its table, columns and rows), kept in a row of
     * its own (first_line -1) so a resume can prove it is given the same input; null if none was recorded.
     */
    public String fingerprint(Connection c, String loadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reason FROM " + table + " WHERE load_id = ? AND first_line = "
                + FINGERPRINT_LINE)) {
            ps.setString(1, loadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Records {@code fingerprint} for a new load (a concurrent second record fails on the primary key). */
    public void recordFingerprint(Connection c, String loadId, String fingerprint) throws SQLException {
        insert(c, loadId, FINGERPRINT_LINE, FINGERPRINT_LINE, 0, 0, fingerprint);
    }

    public long loadedTotal(Connection c, String loadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(rows_loaded), 0) FROM " + table
                + " WHERE load_id = ? AND first_line > 0")) {
            ps.setString(1, loadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
