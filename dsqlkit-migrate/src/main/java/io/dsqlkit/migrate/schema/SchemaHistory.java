package io.dsqlkit.migrate.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history table: one row per statement, keyed (version, statement_index), so it needs no
 * sequence, and a killed run resumes at the first statement without a {@code done} row.
 * <p>
 * DML statements insert their {@code done} row in their own transaction (exactly once). DDL cannot
 * share a transaction with DML on DSQL (dsql-facts §1.2), so a DDL step writes a {@code started}
 * row first, runs the DDL alone, then marks it done; a {@code started} row found on resume means
 * "the DDL may or may not have committed", which the runner settles idempotently.
 */
public final class SchemaHistory {
    public static final String DEFAULT_TABLE = "dsqlkit_schema_history";

    private final String table;

    public SchemaHistory(String table) {
        if (!table.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            throw new IllegalArgumentException("history table name must be a plain lower-case name, was " + table);
        }
        this.table = table;
    }

    public String table() {
        return table;
    }

    public boolean exists(Connection c) throws SQLException {
        return io.dsqlkit.migrate.support.Sql.relationExists(c, table);
    }

    /** Creates the table if missing: one DDL in autocommit. */
    public void ensure(Connection c) throws SQLException {
        io.dsqlkit.migrate.support.Sql.createIfMissing(c, table, "CREATE TABLE IF NOT EXISTS " + table + " (version text NOT NULL, statement_index integer NOT NULL,"
                    + " description text NOT NULL, script text NOT NULL, checksum text NOT NULL, statement_checksum text NOT NULL,"
                    + " state text NOT NULL, applied_by text NOT NULL, applied_at timestamptz NOT NULL,"
                    + " execution_ms bigint NOT NULL, PRIMARY KEY (version, statement_index))");
    }

    /** All rows by version key, each list in statement order; empty when the table does not exist yet. */
    public Map<String, List<HistoryRow>> rows(Connection c) throws SQLException {
        Map<String, List<HistoryRow>> out = new LinkedHashMap<>();
        if (!exists(c)) return out;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, statement_index, description, script, checksum, statement_checksum,"
                     + " state, applied_at, execution_ms FROM " + table + " ORDER BY applied_at, version, statement_index")) {
            while (rs.next()) {
                HistoryRow r = new HistoryRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, java.time.OffsetDateTime.class), rs.getLong(9));
                out.computeIfAbsent(r.version(), k -> new ArrayList<>()).add(r);
            }
        }
        for (List<HistoryRow> l : out.values()) l.sort(java.util.Comparator.comparingInt(HistoryRow::statementIndex));
        return out;
    }

    /** Inserts or completes a row; in DML steps this runs in the statement's own transaction. */
    public void record(Connection c, MigrationFile f, MigrationStep step, StatementState state, String owner, long ms)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (version, statement_index, description,"
                + " script, checksum, statement_checksum, state, applied_by, applied_at, execution_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?)"
                + " ON CONFLICT (version, statement_index) DO UPDATE SET state = EXCLUDED.state,"
                + " applied_at = EXCLUDED.applied_at, execution_ms = EXCLUDED.execution_ms, applied_by = EXCLUDED.applied_by")) {
            ps.setString(1, f.historyKey());
            ps.setInt(2, step.index());
            ps.setString(3, f.description());
            ps.setString(4, f.fileName());
            ps.setString(5, f.checksum());
            ps.setString(6, step.checksum());
            ps.setString(7, state.dbValue());
            ps.setString(8, owner);
            ps.setLong(9, ms);
            ps.executeUpdate();
        }
    }

    /**
     * Records a migration without statements (only comments) as applied: one {@code done} row with
     * statement index 0, so it is not pending forever (and does not block later ones as out of order).
     */
    public void recordNoStatements(Connection c, MigrationFile f, String owner) throws SQLException {
        record(c, f, new MigrationStep(0, "", StepKind.UTILITY, null, false, null, 1, false), StatementState.DONE, owner, 0);
    }

    public int realignChecksum(Connection c, String versionKey, String checksum, String script) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET checksum = ?, script = ? WHERE version = ?")) {
            ps.setString(1, checksum);
            ps.setString(2, script);
            ps.setString(3, versionKey);
            return ps.executeUpdate();
        }
    }

    public int forget(Connection c, String versionKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            ps.setString(1, versionKey);
            return ps.executeUpdate();
        }
    }
}
