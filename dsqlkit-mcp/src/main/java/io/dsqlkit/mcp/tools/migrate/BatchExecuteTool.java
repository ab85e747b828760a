package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.mcp.tools.args.Assignments;
import io.dsqlkit.mcp.tools.args.CatalogNames;
import io.dsqlkit.mcp.tools.args.GuardedSql;
import io.dsqlkit.mcp.tools.args.SqlExpression;
import io.dsqlkit.mcp.tools.args.TableName;
import io.dsqlkit.migrate.batch.BatchPlan;
import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.batch.BatchSpec;
import io.dsqlkit.migrate.batch.TableKey;
import io.dsqlkit.sql.SqlText;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code batch_execute}: an UPDATE or DELETE over any number of rows, in primary-key chunks under DSQL's limits.
 * <p>
 * No argument text is trusted: the table and SET columns are resolved through the catalog, the
 * {@code where} predicate and SET values must each be one expression ({@link SqlExpression}), and the
 * statement built from them is checked before anything runs, inside a read-only transaction: the
 * predicate as a read (the {@code query} tool's guard), the UPDATE/DELETE as a write, and under a
 * tenant the plan of a SELECT over the same rows and values (the tenant guard). Under a tenant every
 * statement also carries {@code tenant_column = <bound tenant>}, and tables without the column are refused.
 */
public final class BatchExecuteTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("batch_execute").title("Batched UPDATE/DELETE")
                .description("Run an UPDATE (give set) or DELETE (give delete: true) over any number of rows. DSQL allows 3,000 "
                        + "changed rows per transaction, so this walks the primary key in chunks (default 1,000 rows), each its own "
                        + "transaction with OCC retry, halving a chunk on 54000, with a checkpoint: calling again with the same "
                        + "statement (or job_id) resumes after an interruption. Sends progress notifications. dry_run returns the "
                        + "row count and chunk plan without changing anything (read-only). table must name an existing table; set "
                        + "is column = expression items; where is one SQL expression (no ';', comments or $n placeholders).")
                .inputSchema(Schemas.object()
                        .string("table", "Table (schema.table allowed)", true)
                        .string("set", "UPDATE: the SET clause, e.g. status = 'archived'", false)
                        .bool("delete", "DELETE the matching rows instead of updating")
                        .string("where", "Which rows: one SQL expression, e.g. created_at < now() - interval '1 year' (default all)", false)
                        .integer("chunk_size", "Rows per transaction (default 1000)", 1, BatchSpec.MAX_CHUNK)
                        .string("job_id", "Checkpoint name for resuming (default derived from the statement)", false)
                        .bool("dry_run", "Only count rows and plan chunks").build())
                .annotations(Annotations.write("Batched UPDATE/DELETE", true, true))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        String set = a.optionalString("set", null);
        boolean delete = a.bool("delete", false);
        if ((set == null) == !delete) throw ToolError.badArgument("set", "give either set (UPDATE) or delete: true (DELETE), not both");
        String tableArg = a.requiredString("table");
        String whereArg = a.optionalString("where", null);
        SqlExpression where = whereArg == null || whereArg.isBlank() ? null : SqlExpression.parse("where", whereArg);
        if (where != null && where.hasQuestionMarkOperator()) {
            throw ToolError.badArgument("where", "uses an operator with '?' (jsonb ?, ?|, ?&), which the batch runner cannot send; "
                    + "use jsonb_exists(col, 'key') or col @> ... instead");
        }
        Assignments assignments = delete ? null : Assignments.parse("set", set);
        int chunk = a.integer("chunk_size", BatchSpec.DEFAULT_CHUNK, 1, BatchSpec.MAX_CHUNK);
        String jobId = a.optionalString("job_id", null);
        boolean dryRun = a.bool("dry_run", false);
        if (!dryRun) MigrateToolSupport.requireWrites(ctx, "batch_execute");

        BatchRunner runner = new BatchRunner(io.dsqlkit.mcp.db.SessionHygiene.forWrites(ctx.database()));
        SqlExecutor ex = new SqlExecutor(ctx);
        Checked checked = ex.inReadOnlyTransaction(c -> {
            Checked k = check(ctx, c, tableArg, assignments, where, chunk, jobId);
            return dryRun ? k.withPlan(runner.plan(c, k.spec())) : k;
        });
        Map<String, Object> m = new LinkedHashMap<>();
        if (dryRun) {
            BatchPlan plan = checked.plan();
            m.put("job_id", plan.jobId());
            m.put("rows", plan.rows());
            m.put("chunks", plan.chunks());
            m.put("chunk_size", plan.chunkSize());
            m.put("key", plan.key());
            m.put("plan", plan.describe());
            return ToolResults.ok(m);
        }
        BatchResult r = runner.run(checked.spec(), MigrateToolSupport.progress(ctx));
        m.put("job_id", r.jobId());
        m.put("rows_total", r.rowsTotal());
        m.put("rows_this_call", r.rowsThisRun());
        m.put("chunks_this_call", r.chunksThisRun());
        m.put("resumed", r.resumed());
        m.put("summary", r.summary());
        return ToolResults.ok(m);
    }

    /** The spec built from catalog names and checked expressions, and (dry run) its plan. */
    private record Checked(BatchSpec spec, BatchPlan plan) {
        Checked withPlan(BatchPlan p) {
            return new Checked(spec, p);
        }
    }

    private static Checked check(ToolContext ctx, Connection c, String tableArg, Assignments assignments, SqlExpression where,
                                 int chunk, String jobId) throws SQLException {
        TableName t = CatalogNames.dataTable(c, tableArg, "table");
        TableKey key = TableKey.of(c, t.sql());
        String tenantSql = GuardedSql.tenantCondition(ctx, c, t, null, "$1", true);
        String tenantJdbc = GuardedSql.tenantCondition(ctx, c, t, null, "?", true);
        List<Object> params = ctx.tenant() == null ? List.of() : List.of(ctx.tenant());

        List<String> setItems = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (assignments != null) {
            for (Assignments.Item item : assignments.items()) {
                String col = CatalogNames.column(c, t, item.column().identifierValue(), "set");
                if (key.columns().contains(col)) {
                    throw ToolError.badArgument("set", "assigns the primary key column " + col + ", which batch_execute walks in "
                            + "chunks; change keys with execute/transact (or recreate the table)");
                }
                if (ctx.tenant() != null && col.equals(GuardedSql.tenantColumn(ctx))) {
                    throw new ToolError("refused by tenant scope: set assigns " + col + " (moving rows between tenants is not "
                            + "allowed)", Map.of("argument", "set"));
                }
                SqlExpression v = item.value();
                if (v.hasQuestionMarkOperator()) {
                    throw ToolError.badArgument("set", "uses an operator with '?' (jsonb ?, ?|, ?&); use jsonb_exists() or @> instead");
                }
                setItems.add(SqlText.quoteIdentifierIfNeeded(col) + " = " + (v.isDefault() ? "DEFAULT" : v.sql()));
                if (!v.isDefault()) values.add(v.sql());
            }
        }
        String userWhere = where == null ? null : where.sql();
        // 1. the rows: the predicate checked as the query tool checks a read (functions, one statement)
        String rowsRead = "SELECT count(*) FROM " + t.sql() + " WHERE " + and(tenantSql, userWhere);
        GuardedSql.checkRead(ctx, c, rowsRead, params);
        // 2. the change itself checked as execute checks a write
        String write = (assignments == null ? "DELETE FROM " + t.sql() : "UPDATE " + t.sql() + " SET " + String.join(", ", setItems))
                + " WHERE " + and(tenantSql, userWhere);
        var ws = GuardedSql.checkWrite(write);
        GuardedSql.plan(c, ws, params); // the database accepts it as written (planned, not run)
        // 3. under a tenant: every table the statement (and each SET value) reads must be the tenant's
        if (ctx.tenant() != null) {
            String valuesRead = "SELECT " + (values.isEmpty() ? "1" : String.join(", ", values)) + " FROM " + t.sql()
                    + " WHERE " + and(tenantSql, userWhere);
            GuardedSql.checkTenantPlan(ctx, c, io.dsqlkit.mcp.db.StatementGuard.single(valuesRead), params);
            GuardedSql.checkTenantPlan(ctx, c, ws, params);
        }
        String whereJdbc = tenantJdbc == null ? (userWhere) : (userWhere == null ? tenantJdbc : tenantJdbc + " AND " + userWhere);
        BatchSpec spec;
        try {
            spec = new BatchSpec(t.sql(), assignments == null ? null : String.join(", ", setItems), whereJdbc, chunk,
                    scopedJobId(ctx, jobId), null, ctx.tenant() == null ? List.of() : List.of(ctx.tenant()));
        } catch (IllegalArgumentException e) {
            throw ToolError.badArgument("chunk_size", e.getMessage());
        }
        if (ctx.tenant() != null && jobId == null) spec = spec.withJobId(scopedJobId(ctx, spec.effectiveJobId()));
        return new Checked(spec, null);
    }

    private static String and(String a, String b) {
        if (a == null) return b == null ? "true" : b;
        return b == null ? a : a + " AND " + b;
    }

    private static String scopedJobId(ToolContext ctx, String jobId) {
        return MigrateToolSupport.scopedJobId(ctx, jobId);
    }
}
