package io.dsqlkit.mcp.tools.sql;

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

/** {@code execute(sql, parameters?)}: one DDL or DML statement in its own transaction. */
public final class ExecuteTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("execute").title("Execute DDL/DML")
                .description("Execute one SQL statement that changes the database (INSERT, UPDATE, DELETE, CREATE TABLE, "
                        + "CREATE INDEX ASYNC, ALTER TABLE ...) in its own transaction; returns {rowCount} (plus rows for "
                        + "RETURNING, and job_id for CREATE INDEX ASYNC: pass it to wait_for_job). The statement is checked "
                        + "against DSQL's rules first: if DSQL would reject it you get the rule, DSQL's message and SQLSTATE, "
                        + "and a fixed statement when one exists, without touching the database. DSQL allows one DDL per "
                        + "transaction and no DDL with DML; at most 3,000 modified rows per transaction. OCC conflicts are "
                        + "retried automatically (attempts is reported). Needs a server started with --allow-writes "
                        + "(local DSQL allows writes by default).")
                .inputSchema(Schemas.object()
                        .string("sql", "One SQL statement, e.g. CREATE INDEX ASYNC idx_orders_tenant ON orders (tenant_id)", true)
                        .parameters("parameters", "Values for $1, $2 ... in order")
                        .string("tenant", QueryTool.TENANT, false)
                        .build())
                .annotations(Annotations.write("Execute DDL/DML", true, false))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        return ToolResults.ok(new SqlExecutor(ctx).execute(a.requiredString("sql"), a.list("parameters")));
    }
}
