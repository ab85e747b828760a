package io.dsqlkit.rules.syntax;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's canonical type names, as {@code format_type_be} prints them (and as DSQL echoes
 * them back in {@code datatype <name> not supported}: {@code int[]} becomes {@code integer[]},
 * {@code varbit(8)} becomes {@code bit varying}; dsql-facts §1.4).
 */
public final class PgTypes {
    private PgTypes() {}

    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        alias("smallint", "int2", "smallint");
        alias("integer", "int", "int4", "integer");
        alias("bigint", "int8", "bigint");
        alias("real", "float4", "real");
        alias("double precision", "float8", "double precision");
        alias("numeric", "numeric", "decimal", "dec");
        alias("boolean", "bool", "boolean");
        alias("character", "char", "character", "bpchar", "nchar", "national character", "national char");
        alias("character varying", "varchar", "character varying", "char varying", "national character varying",
                "national char varying", "nchar varying");
        alias("time without time zone", "time", "time without time zone");
        alias("time with time zone", "timetz", "time with time zone");
        alias("timestamp without time zone", "timestamp", "timestamp without time zone");
        alias("timestamp with time zone", "timestamptz", "timestamp with time zone");
        alias("bit", "bit");
        alias("bit varying", "varbit", "bit varying");
        for (String same : List.of("text", "bytea", "date", "interval", "uuid", "json", "jsonb", "money", "xml",
                "inet", "cidr", "macaddr", "macaddr8", "point", "line", "lseg", "box", "path", "polygon", "circle",
                "tsvector", "tsquery", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
                "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange",
                "datemultirange", "pg_lsn", "pg_snapshot", "txid_snapshot", "oid", "name", "regclass", "regtype",
                "regproc", "regprocedure", "regoper", "regoperator", "regconfig", "regdictionary", "regnamespace",
                "regrole", "regcollation", "xid", "xid8", "cid", "tid", "jsonpath", "serial", "bigserial",
                "smallserial", "serial2", "serial4", "serial8")) {
            CANONICAL.put(same, same);
        }
    }

    private static void alias(String canonical, String... names) {
        for (String n : names) CANONICAL.put(n, canonical);
    }

    /**
     * The canonical name of a type written as {@code written} (lower-cased, words separated by one
     * space, without schema, typmods or array brackets). {@code float(p)} depends on p. Unknown
     * names (domains, user types) come back unchanged. A leading underscore names the array type
     * ({@code _int4} is {@code integer[]}) when the element type is known.
     */
    public static String canonical(String written, List<String> typmods) {
        String w = written.toLowerCase(Locale.ROOT);
        if (w.equals("float")) {
            if (typmods.size() == 1) {
                try {
                    int p = Integer.parseInt(typmods.get(0).trim());
                    return p <= 24 ? "real" : "double precision";
                } catch (NumberFormatException e) {
                    return "double precision";
                }
            }
            return "double precision";
        }
        String c = CANONICAL.get(w);
        if (c != null) return c;
        if (w.startsWith("_") && CANONICAL.containsKey(w.substring(1))) return CANONICAL.get(w.substring(1)) + "[]";
        return written;
    }
}
