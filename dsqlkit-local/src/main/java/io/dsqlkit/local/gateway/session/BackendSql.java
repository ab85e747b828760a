package io.dsqlkit.local.gateway.session;

import io.dsqlkit.rules.DsqlError;

import java.util.List;

import static io.dsqlkit.sql.SqlText.quoteIdentifier;
import static io.dsqlkit.sql.SqlText.quoteLiteral;

/** SQL texts the gateway sends in place of, or around, client statements. */
final class BackendSql {
    private BackendSql() {}

    private static final String RAISE_PREFIX = "DO $dsqlkit_raise$BEGIN RAISE EXCEPTION USING ERRCODE = ";

    /**
     * Fails at the backend with exactly this SQLSTATE and message, aborting the transaction like any
     * error. An anonymous block, so it needs no function a client could see or call; the texts travel
     * base64-encoded, so nothing in them can end the block.
     */
    static String raise(DsqlError e) {
        StringBuilder sb = new StringBuilder(RAISE_PREFIX).append(quoteLiteral(e.sqlstate()))
                .append(", MESSAGE = ").append(decoded(e.message()));
        if (e.detail() != null) sb.append(", DETAIL = ").append(decoded(e.detail()));
        return sb.append("; END$dsqlkit_raise$").toString();
    }

    /** Whether {@code sql} is a {@link #raise}. */
    static boolean isRaise(String sql) {
        return sql.startsWith(RAISE_PREFIX);
    }

    private static String decoded(String text) {
        String b64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "convert_from(decode('" + b64 + "', 'base64'), 'UTF8')";
    }

    /** Rows answered locally, as text columns (Interception.LocalResult). */
    static String values(List<String> columns, List<List<String>> rows) {
        if (columns.isEmpty()) return "DO $dsqlkit$BEGIN END$dsqlkit$";
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            sb.append("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append("NULL::text AS ").append(quoteIdentifier(columns.get(i)));
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
                sb.append(v == null ? "NULL::text" : quoteLiteral(v) + "::text");
            }
            sb.append(')');
        }
        sb.append(") AS dsqlkit_local(");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(quoteIdentifier(columns.get(i)));
        }
        return sb.append(')').toString();
    }
}
