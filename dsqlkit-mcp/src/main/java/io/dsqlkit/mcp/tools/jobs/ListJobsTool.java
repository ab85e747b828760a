package io.dsqlkit.mcp.tools.jobs;

import io.dsqlkit.client.CatalogService;
import io.dsqlkit.mcp.db.ResultReader;
import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code list_jobs(status?)}: DSQL's async jobs from sys.jobs (index builds, constraint validation, drops, analyze). */
public final class ListJobsTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("list_jobs").title("List async jobs")
                .description("List DSQL's asynchronous jobs from sys.jobs: CREATE INDEX ASYNC builds, ALTER TABLE ASYNC ... VALIDATE "
                        + "CONSTRAINT, DROP and ANALYZE jobs, with status (submitted, processing, completed, failed) and details "
                        + "(e.g. a duplicate key that failed a UNIQUE index). Finished jobs disappear after about 30 minutes. "
                        + "Use wait_for_job to block until one finishes.")
                .inputSchema(Schemas.object().string("status", "Only jobs with this status", false).build())
                .annotations(Annotations.readOnly("List async jobs"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        String status = new Args(args).optionalString("status", null);
        Map<String, Object> out = new SqlExecutor(ctx).inReadOnlyTransaction(c -> {
            if (!new CatalogService(c).hasSysJobs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("jobs", List.of());
                m.put("note", "this endpoint has no sys.jobs view (plain PostgreSQL, not DSQL): there are no async jobs");
                return m;
            }
            String sql = "SELECT job_id, status, details, job_type, object_name, start_time, update_time FROM sys.jobs"
                    + (status == null ? "" : " WHERE status = ?") + " ORDER BY start_time DESC NULLS LAST";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (status != null) ps.setString(1, status);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<String, Object> r = ResultReader.read(rs, ctx.settings().rowLimit());
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("jobs", r.get("rows"));
                    m.put("truncated", r.get("truncated"));
                    return m;
                }
            }
        });
        return ToolResults.ok(out);
    }
}
