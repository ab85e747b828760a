package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.batch.BatchPlan;
import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.batch.BatchSpec;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code batch_execute}: an UPDATE or DELETE over any number of rows, in primary-key chunks under DSQL's limits. */
public final class BatchExecuteTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("batch_execute").title("Batched UPDATE/DELETE")
                .description("Run an UPDATE (give set) or DELETE (give delete: true) over any number of rows. DSQL allows 3,000 "
                        + "changed rows per transaction, so this walks the primary key in chunks (default 1,000 rows), each its own "
                        + "transaction with OCC retry, halving a chunk on 54000, with a checkpoint: calling again with the same "
                        + "statement (or job_id) resumes after an interruption. Sends progress notifications. dry_run returns the "
                        + "row count and chunk plan without changing anything.")
                .inputSchema(Schemas.object()
                        .string("table", "Table (schema.table allowed)", true)
                        .string("set", "UPDATE: the SET clause, e.g. status = 'archived'", false)
                        .bool("delete", "DELETE the matching rows instead of updating")
                        .string("where", "Which rows (default all)", false)
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
        BatchSpec spec;
        try {
            spec = new BatchSpec(a.requiredString("table"), delete ? null : set, a.optionalString("where", null),
                    a.integer("chunk_size", BatchSpec.DEFAULT_CHUNK, 1, BatchSpec.MAX_CHUNK), a.optionalString("job_id", null));
        } catch (IllegalArgumentException e) {
            throw ToolError.badArgument("chunk_size", e.getMessage());
        }
        BatchRunner runner = new BatchRunner(ctx.database().dataSource());
        Map<String, Object> m = new LinkedHashMap<>();
        if (a.bool("dry_run", false)) {
            BatchPlan plan = runner.plan(spec);
            m.put("job_id", plan.jobId());
            m.put("rows", plan.rows());
            m.put("chunks", plan.chunks());
            m.put("chunk_size", plan.chunkSize());
            m.put("key", plan.key());
            m.put("plan", plan.describe());
            return ToolResults.ok(m);
        }
        MigrateToolSupport.requireWrites(ctx, "batch_execute");
        BatchResult r = runner.run(spec, MigrateToolSupport.progress(ctx));
        m.put("job_id", r.jobId());
        m.put("rows_total", r.rowsTotal());
        m.put("rows_this_call", r.rowsThisRun());
        m.put("chunks_this_call", r.chunksThisRun());
        m.put("resumed", r.resumed());
        m.put("summary", r.summary());
        return ToolResults.ok(m);
    }
}
