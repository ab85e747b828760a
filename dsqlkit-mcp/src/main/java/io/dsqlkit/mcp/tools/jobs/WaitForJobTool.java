package io.dsqlkit.mcp.tools.jobs;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code wait_for_job(job_id, timeout_seconds?)}: polls sys.jobs (sending progress notifications)
 * until the job completes or fails; when the job is no longer listed, asks
 * {@code CALL sys.wait_for_job(id)}, DSQL's blocking procedure (it returns a boolean and must run
 * outside a transaction block, dsql-facts §4).
 */
public final class WaitForJobTool implements DsqlTool {
    private static final Pattern JOB_ID = Pattern.compile("[a-z2-7]{26}|[0-9a-fA-F-]{32,36}");

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("wait_for_job").title("Wait for an async job")
                .description("Wait until a DSQL async job (the job_id returned by CREATE INDEX ASYNC or ALTER TABLE ASYNC ... "
                        + "VALIDATE CONSTRAINT) finishes; returns {job_id, status, succeeded, details}. A new index is usable "
                        + "only after its job completed (describe_table shows valid: true). Sends progress notifications "
                        + "while waiting. A failed UNIQUE index build reports the duplicate key in details: delete the "
                        + "duplicates, DROP INDEX and create it again.")
                .inputSchema(Schemas.object()
                        .string("job_id", "The job id, e.g. jh2gbtx4mzhgfkbimtgwn5j45y", true)
                        .integer("timeout_seconds", "Give up waiting after this many seconds (default 300)", 1, 3600).build())
                .annotations(Annotations.readOnly("Wait for an async job"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        String id = a.requiredString("job_id").trim();
        if (!JOB_ID.matcher(id).matches()) {
            throw new ToolError("'" + id + "' is not a DSQL job id (26 lowercase base32 characters, as returned in job_id)",
                    Map.of("argument", "job_id"));
        }
        long deadline = System.nanoTime() + a.integer("timeout_seconds", 300, 1, 3600) * 1_000_000_000L;
        long started = System.nanoTime();
        try (Connection c = ctx.database().connection()) {
            c.setAutoCommit(true);
            boolean hasJobs;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.to_regclass('sys.jobs') IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                hasJobs = rs.next() && rs.getBoolean(1);
            }
            if (!hasJobs) throw new ToolError("this endpoint has no sys.jobs (plain PostgreSQL, not DSQL): there are no async jobs");
            int polls = 0;
            while (true) {
                Map<String, Object> job = job(c, id);
                if (job == null) return ToolResults.ok(viaProcedure(c, id));
                String status = String.valueOf(job.get("status"));
                if (status.equals("completed") || status.equals("failed")) {
                    job.put("succeeded", status.equals("completed"));
                    return ToolResults.ok(job);
                }
                if (System.nanoTime() > deadline) {
                    job.put("succeeded", false);
                    job.put("timedOut", true);
                    return ToolResults.error("job " + id + " is still " + status + " after the timeout; call wait_for_job again "
                            + "or check list_jobs", job);
                }
                ctx.progress().report(++polls, null, "job " + id + " " + status + " after "
                        + (System.nanoTime() - started) / 1_000_000_000L + " s");
                sleep(Math.min(2000, 200L * polls));
            }
        }
    }

    private static Map<String, Object> job(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT job_id, status, details, job_type, object_name FROM sys.jobs WHERE job_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("job_id", rs.getString(1));
                m.put("status", rs.getString(2));
                m.put("details", rs.getString(3));
                m.put("job_type", rs.getString(4));
                m.put("object_name", rs.getString(5));
                return m;
            }
        }
    }

    private static Map<String, Object> viaProcedure(Connection c, String id) throws SQLException {
        try (CallableStatement cs = c.prepareCall("CALL sys.wait_for_job(?)")) {
            cs.setString(1, id);
            boolean ok = false;
            if (cs.execute()) {
                try (ResultSet rs = cs.getResultSet()) {
                    ok = rs.next() && rs.getBoolean(1);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job_id", id);
            m.put("status", ok ? "completed" : "failed");
            m.put("succeeded", ok);
            m.put("details", "job no longer listed in sys.jobs; result from CALL sys.wait_for_job");
            return m;
        }
    }

    private static void sleep(long ms) throws SQLException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a job", "57014", e);
        }
    }
}
