package io.dsqlkit.mcp.tools;

import io.modelcontextprotocol.spec.McpSchema;

import java.sql.SQLException;
import java.util.Map;

/**
 * One MCP tool of the Aurora DSQL Power: one class per tool. {@link #definition()} is what agents
 * see (name, a description they can act on, JSON schema, annotations); {@link #call} does the work.
 * <p>
 * Domain failures (a statement DSQL would reject, a refused read-only escape, a bad argument) are
 * reported as results with {@code isError: true} (throw {@link ToolError} or return
 * {@link ToolResults#error}); SQL errors thrown from {@code call} are turned into such results by
 * {@link ToolAdapter} with their SQLSTATE, so the model can read and act on them.
 * <p>
 * New tools are registered by one line in {@link ToolCatalog}.
 */
public interface DsqlTool {
    McpSchema.Tool definition();

    McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException;

    default String name() {
        return definition().name();
    }
}
