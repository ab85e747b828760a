package io.dsqlkit.migrate.batch;

import io.dsqlkit.migrate.support.Sql;

import io.dsqlkit.sql.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.dsqlkit.sql.SqlText.quoteIdentifierIfNeeded;

/** The primary key of a table, read from the catalog: column names and their SQL types, in key order. */
public record TableKey(String table, List<String> columns, List<String> types) {

    public static TableKey of(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                  FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                 WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary
                 ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)""")) {
            ps.setString(1, Sql.qualified(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                    types.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw new SQLException("table " + table + " does not exist", "42P01", e);
            }
            throw e;
        }
        if (cols.isEmpty()) {
            throw new SQLException("table " + table + " has no primary key; chunked DML walks the primary key "
                    + "(every DSQL table has one: add PRIMARY KEY to the table, or recreate it with one)", "42P10");
        }
        return new TableKey(table, List.copyOf(cols), List.copyOf(types));
    }

    /** {@code (a, b)} */
    public String tuple(String alias) {
        String prefix = alias == null ? "" : alias + ".";
        return "(" + columns.stream().map(c -> prefix + quoteIdentifierIfNeeded(c)).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code (CAST(? AS t1), CAST(? AS t2))} */
    public String parameters() {
        return "(" + types.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", ")) + ")";
    }

    public String orderBy() {
        return columns.stream().map(SqlText::quoteIdentifierIfNeeded).collect(Collectors.joining(", "));
    }

    public int size() {
        return columns.size();
    }
}
