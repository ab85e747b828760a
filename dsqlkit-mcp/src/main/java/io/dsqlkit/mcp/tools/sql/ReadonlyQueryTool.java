package io.dsqlkit.mcp.tools.sql;

/** {@code readonly_query(sql, parameters?)}: the Python server's name for {@link QueryTool}; same guarantees. */
public final class ReadonlyQueryTool extends QueryTool {
    @Override
    protected String toolName() {
        return "readonly_query";
    }

    @Override
    protected String describe() {
        return "Same as query (kept for parity with the awslabs Aurora DSQL MCP server): one read-only SQL statement "
                + "run inside BEGIN READ ONLY and rolled back; returns {rows, rowCount, columns, truncated}.";
    }
}
