package io.dsqlkit.mcp.tools.catalog;

import io.dsqlkit.client.CatalogService;
import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.SQLException;
import java.util.Map;

/** {@code describe_table(table_name, schema?)}. */
public final class DescribeTableTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("describe_table").title("Describe a table")
                .description("Describe a table: columns (type, nullable, default, identity), primary key, indexes (valid: false "
                        + "while a CREATE INDEX ASYNC build is running or after it failed, with the sys.jobs build status), and "
                        + "constraints (CHECK, UNIQUE, FOREIGN KEY, validated or NOT VALID). table_name may be schema-qualified.")
                .inputSchema(Schemas.object()
                        .string("table_name", "Table name, e.g. orders or sales.orders (case as stored: unquoted names are lower case)", true)
                        .string("schema", "Schema name (default public)", false).build())
                .annotations(Annotations.readOnly("Describe a table"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        String table = a.requiredString("table_name");
        String schema = a.optionalString("schema", null);
        if (schema == null && table.contains(".") && !table.startsWith("\"")) {
            schema = table.substring(0, table.indexOf('.'));
            table = table.substring(table.indexOf('.') + 1);
        }
        String s = schema == null ? "public" : schema;
        String t = table.startsWith("\"") && table.endsWith("\"") ? table.substring(1, table.length() - 1) : table;
        var found = new SqlExecutor(ctx).inReadOnlyTransaction(c -> new CatalogService(c).describeTable(s, t));
        if (found.isEmpty()) {
            throw new ToolError("no table " + s + "." + t + "; use list_tables to see what exists (names are case-sensitive "
                    + "as stored: unquoted identifiers are lower case)", Map.of("schema", s, "table", t));
        }
        return ToolResults.ok(found.get());
    }
}
