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

import io.dsqlkit.migrate.support.Sql;

import java.sql.SQLException;
import java.util.List;
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
        List<String> parts;
        try {
            // with schema given, an unquoted table_name is the stored name as is (it may contain dots)
            parts = schema != null && table.indexOf('"') < 0 ? List.of(table) : Sql.parts(table.strip()); // as stored, or "Quoted" / schema."Quoted" (the lexer unquotes)
        } catch (IllegalArgumentException e) {
            throw ToolError.badArgument("table_name", "must be a table or schema.table name");
        }
        if (parts.size() == 2 && schema == null) schema = parts.get(0);
        String s = schema == null ? "public" : schema;
        String t = parts.get(parts.size() - 1);
        var found = new SqlExecutor(ctx).inReadOnlyTransaction(c -> new CatalogService(c).describeTable(s, t));
        if (found.isEmpty()) {
            throw new ToolError("no table " + s + "." + t + "; use list_tables to see what exists (names are case-sensitive "
                    + "as stored: unquoted identifiers are lower case)", Map.of("schema", s, "table", t));
        }
        return ToolResults.ok(found.get());
    }
}
