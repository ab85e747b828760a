package io.dsqlkit.mcp.tools.args;

import io.dsqlkit.sql.SqlText;

/**
 * A relation as the catalog names it (never as an agent wrote it): the only form of a table name
 * that tools put into SQL, always schema-qualified and quoted by the one quoting rule.
 *
 * @param kind pg_class.relkind ('r' table, 'p' partitioned table, 'v' view, ...)
 */
public record TableName(String schema, String name, String kind) {
    /** {@code schema.table}, each part quoted when needed. */
    public String sql() {
        return SqlText.quoteIdentifierIfNeeded(schema) + "." + SqlText.quoteIdentifierIfNeeded(name);
    }

    public boolean isTable() {
        return kind.equals("r") || kind.equals("p");
    }

    @Override
    public String toString() {
        return sql();
    }
}
