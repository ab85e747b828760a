package io.dsqlkit.local.gateway.session;

import io.dsqlkit.rules.DsqlError;

import java.util.List;

/** SQL texts the gateway sends in place of, or around, client statements. */
final class BackendSql {
    private BackendSql() {}

    /** Fails at the backend with exactly this SQLSTATE and message, aborting the transaction like any error. */
    static String raise(DsqlError e) {
        return "SELECT dsqlkit.raise(" + literal(e.sqlstate()) + ", " + literal(e.message()) + ", "
                + (e.detail() == null ? "NULL" : literal(e.detail())) + ")";
    }

    /** Rows answered locally, as text columns (Interception.LocalResult). */
    static String values(List<String> columns, List<List<String>> rows) {
        if (columns.isEmpty()) return "DO $dsqlkit$BEGIN END$dsqlkit$";
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            sb.append("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append("NULL::text AS ").append(identifier(columns.get(i)));
            }
            return sb.append(" WHERE false").toString();
        }
        sb.append("SELECT * FROM (VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) sb.append(", ");
            sb.append('(');
            List<String> row = rows.get(r);
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) sb.append(", ");
                String v = c < row.size() ? row.get(c) : null;
                sb.append(v == null ? "NULL::text" : literal(v) + "::text");
            }
            sb.append(')');
        }
        sb.append(") AS dsqlkit_local(");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(identifier(columns.get(i)));
        }
        return sb.append(')').toString();
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
