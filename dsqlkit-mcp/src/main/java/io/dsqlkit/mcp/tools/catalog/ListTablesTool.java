package io.dsqlkit.mcp.tools.catalog;

import io.dsqlkit.client.CatalogService;
import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.SQLException;
import java.util.Map;

/** {@code list_tables(schema?)}. */
public final class ListTablesTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("list_tables").title("List tables")
                .description("List the tables (and views) in a schema of the Aurora DSQL database: {schema, tables: [names], views?}. "
                        + "Default schema: public. Use describe_table for columns, keys and indexes.")
                .inputSchema(Schemas.object().string("schema", "Schema name (default public)", false).build())
                .annotations(Annotations.readOnly("List tables"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        String schema = new Args(args).optionalString("schema", "public");
        return ToolResults.ok(new SqlExecutor(ctx).inReadOnlyTransaction(c -> new CatalogService(c).listTables(schema)));
    }
}
