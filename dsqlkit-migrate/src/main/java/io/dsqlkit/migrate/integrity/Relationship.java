package io.dsqlkit.migrate.integrity;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * child(columns) references parent(parentColumns): a foreign key from the catalog, or one declared
 * in a relationships file for schemas that enforce it only in the application.
 */
public record Relationship(String name, String child, List<String> columns, String parent, List<String> parentColumns,
                           String source) {
    public Relationship {
        columns = List.copyOf(columns);
        parentColumns = List.copyOf(parentColumns);
        if (columns.isEmpty() || columns.size() != parentColumns.size()) {
            throw new IllegalArgumentException("relationship " + name + ": child and parent column lists must be non-empty and "
                    + "of the same length, were " + columns + " and " + parentColumns);
        }
    }

    public String describe() {
        return child + "(" + String.join(", ", columns) + ") -> " + parent + "(" + String.join(", ", parentColumns) + ")";
    }

    /** Foreign keys declared in the catalog (DSQL supports them since 2026-08, dsql-facts §1.8). */
    public static List<Relationship> fromCatalog(Connection c) throws SQLException {
        List<Relationship> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT con.conname,
                       CAST(CAST(con.conrelid AS regclass) AS text),
                       (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(con.conkey) WITH ORDINALITY AS k(n, o)
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
                       CAST(CAST(con.confrelid AS regclass) AS text),
                       (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(con.confkey) WITH ORDINALITY AS k(n, o)
                          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n)
                  FROM pg_constraint con
                 WHERE con.contype = 'f'
                 ORDER BY 2, 1""")) {
            while (rs.next()) {
                out.add(new Relationship(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split(",")),
                        rs.getString(4), List.of(rs.getString(5).split(",")), "catalog"));
            }
        }
        return out;
    }

    /**
     * A JSON relationships file: {@code {"relationships": [{"child": "orders", "columns": ["customer_id"],
     * "parent": "customers", "parentColumns": ["id"]}]}} (or just the array). {@code name} is optional;
     * a single column may be given as a string.
     */
    public static List<Relationship> fromFile(Path file) throws IOException {
        Object root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": invalid JSON" + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root instanceof Map<?, ?> m) root = m.get("relationships");
        if (!(root instanceof List<?> list)) {
            throw new IOException(file + ": expected {\"relationships\": [...]} or a JSON array of relationships");
        }
        List<Relationship> out = new ArrayList<>();
        int i = 0;
        for (Object o : list) {
            i++;
            if (!(o instanceof Map<?, ?> r)) throw new IOException(file + ": relationship " + i + " is not an object");
            String child = str(r, "child", file, i);
            String parent = str(r, "parent", file, i);
            List<String> cols = strings(r.get("columns"), "columns", file, i);
            List<String> pcols = r.containsKey("parentColumns") ? strings(r.get("parentColumns"), "parentColumns", file, i) : List.of("id");
            String name = r.get("name") instanceof String n ? n : child + "_" + String.join("_", cols) + "_ref";
            try {
                out.add(new Relationship(name, child, cols, parent, pcols, file.getFileName().toString()));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String str(Map<?, ?> r, String key, Path file, int i) throws IOException {
        if (r.get(key) instanceof String s && !s.isBlank()) return s;
        throw new IOException(file + ": relationship " + i + " needs \"" + key + "\" (a table name)");
    }

    private static List<String> strings(Object v, String key, Path file, int i) throws IOException {
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof String)) {
            return l.stream().map(String.class::cast).toList();
        }
        throw new IOException(file + ": relationship " + i + " needs \"" + key + "\" as a column name or a list of them");
    }
}
