package io.dsqlkit.local.catalog;

import static io.dsqlkit.sql.SqlText.quoteIdentifier;

/**
 * A possibly schema-qualified table name as the catalog behaviours use it: schema and name already
 * folded as PostgreSQL folds identifiers (the syntax, with its tokens, is {@link io.dsqlkit.sql.QualifiedName}).
 */
public record TableName(String schema, String name) {

    /** Reads {@code name} or {@code schema.name} at word {@code index}; null if there is no name there. */
    public static Parsed parse(SqlWords w, int index) {
        SqlWords.Word first = w.get(index);
        if (first == null || !first.isName()) return null;
        SqlWords.Word dot = w.get(index + 1);
        SqlWords.Word second = w.get(index + 2);
        if (dot != null && dot.isPunct('.') && second != null && second.isName()) {
            return new Parsed(new TableName(first.value(), second.value()), index + 3);
        }
        return new Parsed(new TableName(null, first.value()), index + 1);
    }

    /** The name and the index of the word after it. */
    public record Parsed(TableName name, int next) {}

    public TableName withDefaultSchema(String defaultSchema) {
        return schema != null ? this : new TableName(defaultSchema, name);
    }

    /** Quoted SQL form, e.g. {@code "public"."t"}. */
    public String sql() {
        return schema == null ? quoteIdentifier(name) : quoteIdentifier(schema) + "." + quoteIdentifier(name);
    }

    /** Display form as DSQL writes object names, e.g. {@code public.t}. */
    public String display() {
        return schema == null ? name : schema + "." + name;
    }
}
