package io.dsqlkit.migrate.declarative;

import io.dsqlkit.migrate.declarative.SchemaModel.Column;
import io.dsqlkit.migrate.declarative.SchemaModel.Constraint;
import io.dsqlkit.migrate.declarative.SchemaModel.ConstraintKind;
import io.dsqlkit.migrate.declarative.SchemaModel.Identity;
import io.dsqlkit.migrate.declarative.SchemaModel.Index;
import io.dsqlkit.migrate.declarative.SchemaModel.Sequence;
import io.dsqlkit.migrate.declarative.SchemaModel.Table;
import io.dsqlkit.migrate.declarative.SchemaModel.View;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the live schema into a {@link SchemaModel} from the catalog tables DSQL supports
 * (pg_namespace, pg_class, pg_attribute, pg_attrdef, pg_constraint, pg_index, pg_description,
 * pg_depend, pg_sequence; dsql-facts §6). dsqlkit's own bookkeeping tables ({@code dsqlkit_*})
 * and the system schemas are left out.
 */
public final class CatalogReader {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'sys', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg\\_%'";
    private static final String NOT_OURS = " AND c.relname NOT LIKE 'dsqlkit\\_%'";

    private CatalogReader() {}

    public static SchemaModel read(Connection c) throws SQLException {
        SchemaModel m = new SchemaModel();
        for (String[] r : rows(c, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS)) m.schemas.add(r[0]);
        Map<Long, Table> byOid = new HashMap<>();
        for (String[] r : rows(c, "SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND " + USER_SCHEMAS + NOT_OURS)) {
            Table t = new Table(r[1], r[2]);
            t.comment = r[3];
            byOid.put(Long.parseLong(r[0]), t);
            m.tables.put(t.qualified(), t);
        }
        columns(c, byOid);
        constraints(c, byOid);
        indexes(c, m);
        for (String[] r : rows(c, "SELECT n.nspname, c.relname, pg_get_viewdef(c.oid, true), obj_description(c.oid, 'pg_class')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v' AND " + USER_SCHEMAS + NOT_OURS)) {
            String q = r[2].strip();
            if (q.endsWith(";")) q = q.substring(0, q.length() - 1).strip();
            View v = new View(r[0], r[1], q, r[3]);
            m.views.put(v.qualified(), v);
        }
        for (String[] r : rows(c, "SELECT n.nspname, c.relname, s.seqcache, s.seqstart, s.seqincrement,"
                + " obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_sequence s ON s.seqrelid = c.oid WHERE c.relkind = 'S' AND " + USER_SCHEMAS + NOT_OURS
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('i', 'a')"
                + " AND d.classid = CAST('pg_class' AS regclass))")) {
            Sequence s = new Sequence(r[0], r[1], Long.parseLong(r[2]), Long.parseLong(r[3]), Long.parseLong(r[4]), r[5]);
            m.sequences.put(s.qualified(), s);
        }
        return m;
    }

    private static void columns(Connection c, Map<Long, Table> byOid) throws SQLException {
        for (String[] r : rows(c, "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
                + " CASE WHEN a.attgenerated = 's' THEN pg_get_expr(d.adbin, d.adrelid) END, a.attidentity,"
                + " s.seqcache, s.seqstart, s.seqincrement, col_description(a.attrelid, a.attnum)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_depend dep ON a.attidentity <> '' AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum"
                + " AND dep.deptype = 'i' AND dep.classid = CAST('pg_class' AS regclass)"
                + " LEFT JOIN pg_sequence s ON s.seqrelid = dep.objid"
                + " WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_SCHEMAS + NOT_OURS
                + " ORDER BY a.attrelid, a.attnum")) {
            Table t = byOid.get(Long.parseLong(r[0]));
            if (t == null) continue;
            Identity id = r[6] == null || r[6].isEmpty() ? null
                    : new Identity("a".equals(r[6]), r[7] == null ? 1 : Long.parseLong(r[7]), r[8] == null ? null : Long.parseLong(r[8]),
                    r[9] == null ? null : Long.parseLong(r[9]));
            if (id != null) id = new Identity(id.always(), id.cache(), id.start() != null && id.start() == 1 ? null : id.start(),
                    id.increment() != null && id.increment() == 1 ? null : id.increment());
            t.columns.add(new Column(r[1], r[2], "t".equals(r[3]), r[4], id, r[5], r[10], null));
        }
    }

    private static void constraints(Connection c, Map<Long, Table> byOid) throws SQLException {
        for (String[] r : rows(c, "SELECT k.conrelid, k.conname, k.contype, array_to_string(ARRAY(SELECT a.attname FROM"
                + " unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n"
                + " ORDER BY u.o), ','), pg_get_expr(k.conbin, k.conrelid), fn.nspname || '.' || fc.relname,"
                + " array_to_string(ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a"
                + " ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o), ','), k.confdeltype, k.confupdtype"
                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
                + " WHERE k.contype IN ('p', 'u', 'c', 'f') AND " + USER_SCHEMAS + NOT_OURS + " ORDER BY k.conrelid, k.conname")) {
            Table t = byOid.get(Long.parseLong(r[0]));
            if (t == null) continue;
            List<String> cols = r[3] == null || r[3].isEmpty() ? List.of() : Arrays.asList(r[3].split(","));
            Constraint k = switch (r[2]) {
                case "p" -> new Constraint(r[1], ConstraintKind.PRIMARY_KEY, cols, null, null, null, null, null);
                case "u" -> new Constraint(r[1], ConstraintKind.UNIQUE, cols, null, null, null, null, null);
                case "c" -> new Constraint(r[1], ConstraintKind.CHECK, List.of(), r[4], null, null, null, null);
                default -> new Constraint(r[1], ConstraintKind.FOREIGN_KEY, cols, null, r[5],
                        r[6] == null || r[6].isEmpty() ? null : Arrays.asList(r[6].split(",")), action(r[7]), action(r[8]));
            };
            t.constraints.add(k);
        }
    }

    static String action(String code) {
        return switch (code == null ? "a" : code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static void indexes(Connection c, SchemaModel m) throws SQLException {
        for (String[] r : rows(c, "SELECT n.nspname, x.relname, t.relname, i.indisunique, i.indnkeyatts, i.indnatts,"
                + " i.indexrelid, pg_get_expr(i.indpred, i.indrelid), i.indnullsnotdistinct"
                + " FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class c ON c.oid = t.oid"
                + " WHERE t.relkind = 'r' AND " + USER_SCHEMAS + NOT_OURS
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u'))"
                + " ORDER BY n.nspname, x.relname")) {
            int nkey = Integer.parseInt(r[4]);
            int natts = Integer.parseInt(r[5]);
            List<String> keys = new ArrayList<>();
            List<String> include = new ArrayList<>();
            for (int k = 1; k <= natts; k++) {
                String col = one(c, "SELECT pg_get_indexdef(" + Long.parseLong(r[6]) + ", " + k + ", true)");
                (k <= nkey ? keys : include).add(keyText(col));
            }
            Index ix = new Index(r[0], r[1], r[2], "t".equals(r[3]), keys, include, "t".equals(r[8]), r[7]);
            m.indexes.put(ix.qualified(), ix);
        }
    }

    /** A plain (possibly quoted) column name folded; an expression in parentheses as printed. */
    private static String keyText(String col) {
        if (col.matches("[a-z_][a-z0-9_$]*")) return col;
        if (col.startsWith("\"") && col.endsWith("\"")) return col.substring(1, col.length() - 1).replace("\"\"", "\"");
        return col.startsWith("(") ? col : "(" + col + ")";
    }

    private static String one(Connection c, String sql) throws SQLException {
        List<String[]> r = rows(c, sql);
        return r.isEmpty() ? null : r.get(0)[0];
    }

    private static List<String[]> rows(Connection c, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    Object o = rs.getObject(i + 1);
                    row[i] = o == null ? null : o instanceof Boolean b ? (b ? "t" : "f") : o.toString();
                }
                out.add(row);
            }
        }
        return out;
    }
}
