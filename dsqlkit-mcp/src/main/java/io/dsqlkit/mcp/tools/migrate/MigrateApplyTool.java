package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.schema.MigrationException;
import io.dsqlkit.migrate.schema.Migrator;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code migrate_apply}: run pending migrations (needs --allow-writes; destructive steps need confirm_destructive). */
public final class MigrateApplyTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("migrate_apply").title("Apply migrations")
                .description("Apply pending migrations on DSQL: each statement in its own transaction (DSQL allows one DDL per "
                        + "transaction), progress recorded per statement so a failed or interrupted run resumes at the first "
                        + "statement that did not commit; CREATE INDEX ASYNC jobs are waited on and a failed build fails the "
                        + "migration with the job's details. Two applies at once cannot both run (a lock row). Call "
                        + "migrate_plan first; destructive statements (DROP, DELETE without WHERE) need confirm_destructive.")
                .inputSchema(MigratePlanTool.common()
                        .bool("confirm_destructive", "Confirm the destructive statements migrate_plan listed").build())
                .annotations(Annotations.write("Apply migrations", true, true))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        MigrateToolSupport.requireWrites(ctx, "migrate_apply");
        MigrateToolSupport.refuseUnderTenant(ctx, "migrate_apply");
        Args a = new Args(args);
        Migrator migrator = MigrateToolSupport.migrator(ctx, a, a.bool("confirm_destructive", false));
        try {
            ctx.progress().report(0, null, "applying migrations");
            Migrator.ApplyResult r = migrator.apply();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("applied", r.applied());
            m.put("statements_run", r.statementsRun());
            m.put("statements_already_done", r.statementsSkipped());
            return ToolResults.ok(m);
        } catch (MigrationException e) {
            return ToolResults.error(e.getMessage(), Map.of("hint", "fix the reported statement and call migrate_apply again; "
                    + "it resumes where it stopped (migrate_status shows how far it got)"));
        } catch (IOException e) {
            throw new ToolError(e.getMessage(), Map.of("argument", "location"));
        }
    }
}
