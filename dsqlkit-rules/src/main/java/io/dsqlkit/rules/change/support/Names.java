package io.dsqlkit.rules.change.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Identifier quoting and PostgreSQL-style generated object names for fixes. */
public final class Names {
    private Names() {}

    /** PostgreSQL 16 reserved key words (and type/function-name ones) that must be quoted as names. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
            "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
            "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
            "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
            "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
            "where", "window", "with");

    /** PostgreSQL's NAMEDATALEN - 1. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    /** {@code "a""b"} -> {@code a"b}; other text unchanged. */
    public static String unquote(String quoted) {
        String q = quoted;
        if (q.startsWith("U&") || q.startsWith("u&")) q = q.substring(2);
        if (q.length() >= 2 && q.startsWith("\"") && q.endsWith("\"")) {
            return q.substring(1, q.length() - 1).replace("\"\"", "\"");
        }
        return q;
    }

    /** Quotes {@code name} when PostgreSQL would not read it back unquoted as the same name. */
    public static String quote(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) return name;
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

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
