package io.dsqlkit.rules.syntax;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** PostgreSQL-style generated object names for fixes (quoting is {@link io.dsqlkit.sql.SqlText}). */
public final class Names {
    private Names() {}

    /** PostgreSQL's NAMEDATALEN - 1. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    /**
     * PostgreSQL's default constraint/index name {@code <table>_<col>[_<col>...]_<suffix>}, cut to 63
     * bytes the way makeObjectName does (the longer of table/columns part is shortened first).
     */
    public static String objectName(String table, List<String> columns, String suffix) {
        String cols = String.join("_", columns);
        String t = table;
        int budget = MAX_IDENTIFIER_BYTES - suffix.length() - 1 - (cols.isEmpty() ? 0 : 1);
        while (bytes(t) + bytes(cols) > budget && (t.length() > 0 || cols.length() > 0)) {
            if (bytes(t) >= bytes(cols)) t = t.substring(0, t.length() - 1);
            else cols = cols.substring(0, cols.length() - 1);
        }
        return cols.isEmpty() ? t + "_" + suffix : t + "_" + cols + "_" + suffix;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
