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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get_schema(schema?, table_name?)}: the whole schema at a glance (parity with the Python server). */
public final class GetSchemaTool implements DsqlTool {
    private static final int MAX_TABLES = 200;

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("get_schema").title("Get the schema")
                .description("Get the database schema at a glance: for every user schema (or the one given) each table with its "
                        + "columns (name, type, nullable) and primary key. Give table_name to get one table's full description "
                        + "(same as describe_table). Start here before writing queries.")
                .inputSchema(Schemas.object()
                        .string("schema", "Only this schema", false)
                        .string("table_name", "Only this table (full description)", false).build())
                .annotations(Annotations.readOnly("Get the schema"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        String only = a.optionalString("schema", null);
        String table = a.optionalString("table_name", null);
        if (table != null) {
            Map<String, Object> d = new LinkedHashMap<>(args);
            return new DescribeTableTool().call(ctx, d);
        }
        Map<String, Object> out = new SqlExecutor(ctx).inReadOnlyTransaction(c -> {
            CatalogService cat = new CatalogService(c);
            List<String> schemas = only == null ? cat.schemas() : List.of(only);
            Map<String, Object> result = new LinkedHashMap<>();
            List<Map<String, Object>> tables = new ArrayList<>();
            boolean truncated = false;
            for (String s : schemas) {
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) cat.listTables(s).get("tables");
                for (String n : names) {
                    if (tables.size() == MAX_TABLES) {
                        truncated = true;
                        break;
                    }
                    var d = cat.describeTable(s, n).orElse(null);
                    if (d == null) continue;
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("schema", s);
                    t.put("table", n);
                    List<Map<String, Object>> cols = new ArrayList<>();
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> full = (List<Map<String, Object>>) d.get("columns");
                    for (Map<String, Object> col : full) {
                        cols.add(Map.of("name", col.get("name"), "type", col.get("type"), "nullable", col.get("nullable")));
                    }
                    t.put("columns", cols);
                    t.put("primaryKey", d.get("primaryKey"));
                    tables.add(t);
                }
            }
            result.put("schemas", schemas);
            result.put("tables", tables);
            result.put("truncated", truncated);
            return result;
        });
        return ToolResults.ok(out);
    }
}
