package io.dsqlkit.sql;

import java.util.Set;

/**
 * PostgreSQL 16 key words that are not UNRESERVED_KEYWORD in {@code src/include/parser/kwlist.h}: the
 * ones {@code quote_ident} quotes, because they cannot (everywhere) serve as a bare column or table name.
 */
public final class Keywords {
    private Keywords() {}

    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with");

    private static final Set<String> TYPE_FUNC_NAME = Set.of(
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    private static final Set<String> COL_NAME = Set.of(
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_object", "json_objectagg", "least", "national", "nchar", "none", "normalize",
            "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint",
            "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat",
            "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize",
            "xmltable");

    /** True for a RESERVED_KEYWORD (cannot be a column or table name unquoted). {@code word} in any case. */
    public static boolean isFullyReserved(String word) {
        return RESERVED.contains(SqlText.asciiLower(word));
    }

    /** True for any key word that is not unreserved (reserved, type/function-name or column-name key words). */
    public static boolean isReserved(String word) {
        String w = SqlText.asciiLower(word);
        return RESERVED.contains(w) || TYPE_FUNC_NAME.contains(w) || COL_NAME.contains(w);
    }
}
