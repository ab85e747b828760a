package io.dsqlkit.migrate.declarative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random desired schemas within DSQL's surface for the property tests: up to three tables with a
 * bigint key, columns c1..c5 whose types vary within a family (so data always casts), NOT NULL with
 * defaults, check constraints, foreign keys to t1, plain, partial and INCLUDE indexes, a view, a
 * sequence and comments. Column values are a function of the row id, so survival can be checked.
 */
final class SchemaGen {
    enum Family { NUMBER, TEXT, FLAG }

    static final Map<String, Family> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("c1", Family.NUMBER);
        COLUMNS.put("c2", Family.NUMBER);
        COLUMNS.put("c3", Family.TEXT);
        COLUMNS.put("c4", Family.TEXT);
        COLUMNS.put("c5", Family.FLAG);
    }

    /** One generated schema: its SQL and, per table, its columns (name -> type). */
    record Generated(String sql, Map<String, Map<String, String>> tables) {}

    private SchemaGen() {}

    static Generated generate(String s, long seed) {
        Random r = new Random(seed);
        StringBuilder sql = new StringBuilder("CREATE SCHEMA ").append(s).append(";\n");
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        int n = 1 + r.nextInt(3);
        for (int t = 1; t <= n; t++) {
            String name = "t" + t;
            Map<String, String> cols = new LinkedHashMap<>();
            List<String> defs = new ArrayList<>();
            defs.add("id bigint PRIMARY KEY");
            for (Map.Entry<String, Family> c : COLUMNS.entrySet()) {
                if (r.nextInt(10) < 4) continue;
                String type = type(c.getValue(), r);
                cols.put(c.getKey(), type);
                StringBuilder d = new StringBuilder(c.getKey()).append(' ').append(type);
                boolean notNull = r.nextInt(10) < 3;
                if (notNull || r.nextInt(10) < 3) d.append(" DEFAULT ").append(defaultFor(c.getValue(), r));
                if (notNull) d.append(" NOT NULL");
                defs.add(d.toString());
            }
            if (t > 1 && r.nextInt(10) < 4) {
                cols.put("ref", "bigint");
                defs.add("ref bigint");
                defs.add("CONSTRAINT " + name + "_ref_fk FOREIGN KEY (ref) REFERENCES " + s + ".t1 (id)"
                        + (r.nextBoolean() ? " ON DELETE CASCADE" : ""));
            }
            String numeric = cols.keySet().stream().filter(k -> COLUMNS.get(k) == Family.NUMBER).findFirst().orElse(null);
            if (numeric != null && r.nextInt(10) < 3) defs.add("CONSTRAINT " + name + "_chk CHECK (" + numeric + " >= 0)");
            sql.append("CREATE TABLE ").append(s).append('.').append(name).append(" (\n    ").append(String.join(",\n    ", defs)).append("\n);\n");
            List<String> names = new ArrayList<>(cols.keySet());
            for (int i = 0; i < 2 && !names.isEmpty(); i++) {
                if (r.nextBoolean()) continue;
                String key = names.get(r.nextInt(names.size()));
                StringBuilder ix = new StringBuilder("CREATE INDEX ").append(name).append("_ix").append(i).append(" ON ").append(s)
                        .append('.').append(name).append(" (").append(key).append(')');
                String other = names.get(r.nextInt(names.size()));
                if (!other.equals(key) && r.nextInt(10) < 3) ix.append(" INCLUDE (").append(other).append(')');
                if (r.nextInt(10) < 3) ix.append(" WHERE ").append(key).append(" IS NOT NULL");
                sql.append(ix).append(";\n");
            }
            if (r.nextInt(10) < 3) sql.append("COMMENT ON TABLE ").append(s).append('.').append(name).append(" IS 'table ").append(name)
                    .append(r.nextInt(2)).append("';\n");
            tables.put(name, cols);
        }
        if (r.nextInt(10) < 3) sql.append("CREATE VIEW ").append(s).append(".v1 AS SELECT id FROM ").append(s).append(".t1;\n");
        if (r.nextInt(10) < 3) sql.append("CREATE SEQUENCE ").append(s).append(".seq1 CACHE ").append(r.nextBoolean() ? 1 : 65536).append(";\n");
        return new Generated(sql.toString(), tables);
    }

    private static String type(Family f, Random r) {
        return switch (f) {
            case NUMBER -> List.of("integer", "bigint", "numeric(12,2)").get(r.nextInt(3));
            case TEXT -> List.of("text", "varchar(40)").get(r.nextInt(2));
            case FLAG -> "boolean";
        };
    }

    private static String defaultFor(Family f, Random r) {
        return switch (f) {
            case NUMBER -> String.valueOf(r.nextInt(3));
            case TEXT -> "'d" + r.nextInt(2) + "'";
            case FLAG -> r.nextBoolean() ? "true" : "false";
        };
    }

    /** The value a column holds in row {@code id}, as an SQL expression over {@code i}. */
    static String value(String column, String i) {
        if (column.equals("ref")) return "NULL";
        return switch (COLUMNS.get(column)) {
            case NUMBER -> i;
            case TEXT -> "'x' || " + i;
            case FLAG -> "(" + i + " % 2 = 0)";
        };
    }
}
