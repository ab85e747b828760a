package io.dsqlkit.client;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catalog queries over pg_catalog that DSQL supports (dsql-facts §6): tables, columns, keys,
 * indexes (with {@code pg_index.indisvalid} and the async build job from {@code sys.jobs} when that
 * view exists), constraints (not constraint triggers: DSQL has no triggers, and a local DSQL's
 * transaction-limit trigger is one). Results are plain maps/lists ready for JSON.
 */
public final class CatalogService {
    private static final String TABLES = """
            SELECT c.relname, c.relkind FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            ORDER BY c.relname""";
    private static final String SCHEMAS = """
            SELECT n.nspname FROM pg_catalog.pg_namespace n
            WHERE n.nspname NOT IN ('information_schema', 'sys') AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY n.nspname""";
    private static final String RELATION = """
            SELECT c.oid, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')""";
    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity, a.attgenerated
            FROM pg_catalog.pg_attribute a
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";
    private static final String INDEXES = """
            SELECT i.relname, x.indisunique, x.indisprimary, x.indisvalid, pg_catalog.pg_get_indexdef(x.indexrelid) AS def
            FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = ? ORDER BY i.relname""";
    private static final String CONSTRAINTS = """
            SELECT c.conname, c.contype, c.convalidated, pg_catalog.pg_get_constraintdef(c.oid) AS def,
                   ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols
            FROM pg_catalog.pg_constraint c WHERE c.conrelid = ? AND c.contype <> 't' ORDER BY c.contype, c.conname""";
    private static final String JOB_FOR_INDEX = """
            SELECT job_id, status, details FROM sys.jobs WHERE object_name = ? ORDER BY start_time DESC NULLS LAST LIMIT 1""";

    private final Connection connection;

    public CatalogService(Connection connection) {
        this.connection = connection;
    }

    /** Names of tables (and, separately, views) in {@code schema}. */
    public Map<String, Object> listTables(String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(TABLES)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    (kind.equals("v") || kind.equals("m") ? views : tables).add(rs.getString(1));
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", schema);
        m.put("tables", tables);
        if (!views.isEmpty()) m.put("views", views);
        return m;
    }

    /** User schemas: not information_schema, DSQL's sys, or system schemas ({@code pg_} prefix, which users cannot create). */
    public List<String> schemas() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SCHEMAS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Columns, primary key, indexes (validity, async job) and constraints; empty if no such table. */
    public Optional<Map<String, Object>> describeTable(String schema, String table) throws SQLException {
        long oid;
        String kind;
        try (PreparedStatement ps = connection.prepareStatement(RELATION)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                oid = rs.getLong(1);
                kind = rs.getString(2);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", schema);
        m.put("table", table);
        m.put("kind", switch (kind) { case "v" -> "view"; case "m" -> "materialized view"; default -> "table"; });
        m.put("columns", columns(oid));
        List<Map<String, Object>> constraints = constraints(oid);
        m.put("primaryKey", constraints.stream().filter(c -> "PRIMARY KEY".equals(c.get("type")))
                .findFirst().map(c -> c.get("columns")).orElse(List.of()));
        m.put("indexes", indexes(oid, schema));
        m.put("constraints", constraints);
        return Optional.of(m);
    }

    public List<Map<String, Object>> columns(long oid) throws SQLException {
        List<Map<String, Object>> cols = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("name", rs.getString("attname"));
                    c.put("type", rs.getString("type"));
                    c.put("nullable", !rs.getBoolean("attnotnull"));
                    c.put("default", rs.getString("dflt"));
                    String identity = rs.getString("attidentity");
                    if (identity != null && !identity.isBlank()) c.put("identity", identity.equals("a") ? "ALWAYS" : "BY DEFAULT");
                    String generated = rs.getString("attgenerated");
                    if (generated != null && !generated.isBlank()) c.put("generated", "STORED");
                    cols.add(c);
                }
            }
        }
        return cols;
    }

    private List<Map<String, Object>> indexes(long oid, String schema) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> i = new LinkedHashMap<>();
                    i.put("name", rs.getString("relname"));
                    i.put("unique", rs.getBoolean("indisunique"));
                    i.put("primary", rs.getBoolean("indisprimary"));
                    // DSQL: indisvalid stays false while CREATE INDEX ASYNC builds, and after a failed build (dsql-facts §4)
                    i.put("valid", rs.getBoolean("indisvalid"));
                    i.put("definition", rs.getString("def"));
                    out.add(i);
                }
            }
        }
        if (hasSysJobs()) {
            for (Map<String, Object> i : out) {
                if (Boolean.TRUE.equals(i.get("valid"))) continue;
                try (PreparedStatement ps = connection.prepareStatement(JOB_FOR_INDEX)) {
                    ps.setString(1, schema + "." + i.get("name"));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Map<String, Object> job = new LinkedHashMap<>();
                            job.put("jobId", rs.getString(1));
                            job.put("status", rs.getString(2));
                            job.put("details", rs.getString(3));
                            i.put("build", job);
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<Map<String, Object>> constraints(long oid) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("name", rs.getString("conname"));
                    c.put("type", switch (rs.getString("contype")) {
                        case "p" -> "PRIMARY KEY";
                        case "u" -> "UNIQUE";
                        case "f" -> "FOREIGN KEY";
                        case "c" -> "CHECK";
                        case "x" -> "EXCLUDE";
                        case "n" -> "NOT NULL";
                        default -> rs.getString("contype");
                    });
                    java.sql.Array cols = rs.getArray("cols");
                    c.put("columns", cols == null ? List.of() : List.of((Object[]) cols.getArray()));
                    c.put("definition", rs.getString("def"));
                    c.put("validated", rs.getBoolean("convalidated"));
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** True when DSQL's {@code sys.jobs} view exists (real DSQL and the local gateway; not plain PostgreSQL). */
    public boolean hasSysJobs() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.to_regclass('sys.jobs') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Whether {@code schema.table} has a column named {@code column}. */
    public boolean hasColumn(String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
