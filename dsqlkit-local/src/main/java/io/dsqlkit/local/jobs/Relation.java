package io.dsqlkit.local.jobs;

import io.dsqlkit.local.catalog.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A table resolved in the backend's catalog. */
public record Relation(long oid, String schema, String name) {

    public TableName qualified() {
        return new TableName(schema, name);
    }

    /** Resolves {@code name} with the default search_path; null if there is no such relation. */
    public static Relation resolve(Connection c, TableName name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, name.sql());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Relation(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
            }
        }
    }
}
