package io.dsqlkit.mcp.tools.sql;

import io.dsqlkit.mcp.db.BoundSql;
import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.db.FunctionGuard;
import io.dsqlkit.mcp.db.StatementGuard;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.mcp.tools.args.GuardedSql;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code explain(sql, parameters?, analyze?)}: the plan of a query or DML statement. ANALYZE runs the
 * statement: for reads inside BEGIN READ ONLY; for writes only when writes are allowed, and always
 * inside a transaction that is rolled back, so nothing is changed.
 */
public final class ExplainTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("explain").title("Explain a statement")
                .description("Show the query plan of one SELECT/INSERT/UPDATE/DELETE (EXPLAIN ... FORMAT JSON and as text). "
                        + "analyze: true executes it to measure real row counts and timings: reads run read-only; writes need "
                        + "--allow-writes and run inside a transaction that is always rolled back (nothing changes). Use it to "
                        + "check that a query uses an index (look for Index Scan / Index Only Scan on your index).")
                .inputSchema(Schemas.object()
                        .string("sql", "One statement to explain", true)
                        .parameters("parameters", "Values for $1, $2 ...")
                        .bool("analyze", "Execute to get actual rows and timings (default false)")
                        .string("tenant", QueryTool.TENANT, false).build())
                .annotations(Annotations.readOnly("Explain a statement"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        String sql = a.requiredString("sql");
        boolean analyze = a.bool("analyze", false);
        Statement s = StatementGuard.single(sql);
        if (s.category() != StatementCategory.QUERY && s.category() != StatementCategory.DML) {
            throw new ToolError("explain takes a query or an INSERT/UPDATE/DELETE; " + s.kind() + " has no plan");
        }
        if (s.kind().equals("EXPLAIN") || s.kind().equals("SHOW")) throw new ToolError("give the statement itself, without EXPLAIN");
        boolean write = s.category() == StatementCategory.DML;
        if (write) {
            StatementGuard.checkFunctions(s, false);
            if (analyze && !ctx.settings().writesAllowed()) {
                throw new ToolError("explain with analyze executes the statement; this server is read-only (start it with "
                        + "--allow-writes; the write is rolled back either way)", Map.of("readOnly", true));
            }
        } else {
            StatementGuard.requireRead(s);
        }
        BoundSql b = BoundSql.of(s, a.list("parameters"));
        String options = analyze ? "(ANALYZE, VERBOSE, FORMAT JSON)" : "(VERBOSE, FORMAT JSON)";
        SqlExecutor ex = new SqlExecutor(ctx);
        SqlExecutor.SqlWork<Map<String, Object>> work = c -> {
            if (!write) FunctionGuard.checkRead(c, s); // planning alone can run an IMMUTABLE user function
            // under a tenant the plan (and ANALYZE's row counts) must not describe other tenants' rows
            GuardedSql.checkTenantPlan(ctx, c, s, a.list("parameters"));
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + options + " " + b.jdbcSql()); var timer = ex.timer(ps)) {
                b.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Object plan = ToolResults.mapper().readValue(rs.getString(1), Object.class);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("analyzed", analyze);
                    if (analyze && write) out.put("rolledBack", true);
                    out.put("plan", plan instanceof List<?> l && l.size() == 1 ? l.get(0) : plan);
                    return out;
                } catch (java.io.IOException e) {
                    throw new SQLException("could not read the plan: " + e.getMessage(), e);
                }
            }
        };
        if (write && analyze) return ToolResults.ok(ex.inRolledBackTransaction(work));
        // EXPLAIN without ANALYZE never executes; reads with ANALYZE run read-only.
        return ToolResults.ok(ex.inReadOnlyTransaction(work));
    }
}
