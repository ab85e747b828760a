package io.dsqlkit.mcp.tools.sql;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code transact(sql_list, params_list?)}: several statements in one transaction, OCC-retried as a whole. */
public final class TransactTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("transact").title("Run a transaction")
                .description("Run several SQL statements in ONE transaction (all or nothing). On a DSQL optimistic-concurrency "
                        + "conflict (SQLSTATE 40001, OC000/OC001) the whole transaction is replayed from the start with backoff; "
                        + "the result says how many attempts it took. committed: true only when COMMIT succeeded; otherwise an "
                        + "error with committed: false (or \"unknown\" if the server became unavailable during COMMIT). "
                        + "Do not include BEGIN/COMMIT. DSQL rules: at most one DDL and no DDL mixed with DML in a transaction; "
                        + "at most 3,000 modified rows. Needs --allow-writes for writes.")
                .inputSchema(Schemas.object()
                        .stringArray("sql_list", "The statements, in order, one per entry", true)
                        .property("params_list", Map.of("type", "array", "description",
                                "Optional: one array of $n values per statement (same length as sql_list; [] for none)",
                                "items", Map.of("type", "array")), false)
                        .string("tenant", QueryTool.TENANT, false)
                        .build())
                .annotations(Annotations.write("Run a transaction", true, false))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        List<Object> raw = a.list("sql_list");
        if (raw == null || raw.isEmpty()) throw ToolError.badArgument("sql_list", "is required (a non-empty array of SQL strings)");
        List<String> sqls = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof String s) || s.isBlank()) throw ToolError.badArgument("sql_list", "must contain only non-empty strings");
            sqls.add(s);
        }
        List<Object> rawParams = a.list("params_list");
        List<List<Object>> params = null;
        if (rawParams != null) {
            params = new ArrayList<>();
            for (Object o : rawParams) {
                if (o == null) params.add(List.of());
                else if (o instanceof List<?> l) params.add(new ArrayList<>(l));
                else throw ToolError.badArgument("params_list", "must be an array of arrays");
            }
        }
        return ToolResults.ok(new SqlExecutor(ctx).transact(sqls, params));
    }
}
