package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.declarative.SchemaApplier;
import io.dsqlkit.migrate.declarative.SchemaException;
import io.dsqlkit.migrate.schema.MigrationException;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code schema_apply}: run the schema_plan steps through the migration runner (needs --allow-writes). */
public final class SchemaApplyTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("schema_apply").title("Apply a declarative schema")
                .description("Run the steps schema_plan shows through the migration runner: each step its own transaction, "
                        + "progress recorded per step, async jobs waited on, backfills and copies chunked under the 3,000-row "
                        + "limit; an interrupted apply is finished first by the next call. Destructive steps (drops, table "
                        + "recreation) need confirm_destructive. Needs a server started with --allow-writes.")
                .inputSchema(SchemaPlanTool.common()
                        .bool("confirm_destructive", "Confirm the destructive steps schema_plan listed").build())
                .annotations(Annotations.write("Apply a declarative schema", true, true))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        MigrateToolSupport.requireWrites(ctx, "schema_apply");
        Args a = new Args(args);
        boolean confirmed = a.bool("confirm_destructive", false);
        SchemaApplier applier = SchemaPlanTool.applier(ctx, MigrateToolSupport.progressLog(ctx));
        try {
            SchemaApplier.Result r = applier.apply(SchemaPlanTool.desired(a), plan -> confirmed);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resumed", r.resumed());
            m.put("steps_applied", r.plan().steps().size());
            m.put("statements_run", r.statementsRun());
            m.put("steps", r.plan().toJson().get("steps"));
            return ToolResults.ok(m);
        } catch (SchemaApplier.NotConfirmed e) {
            return ToolResults.error(e.getMessage(), Map.of("destructive_steps", e.plan.destructiveSteps().stream()
                    .map(s -> s.action() + " " + s.object()).toList(), "hint", "show these to the user; call again with "
                    + "confirm_destructive=true only after they agree"));
        } catch (SchemaException | MigrationException e) {
            return ToolResults.error(e.getMessage(), Map.of("hint", "fix the cause and call schema_apply again; it resumes "
                    + "where it stopped"));
        } catch (IOException e) {
            throw new ToolError(e.getMessage(), Map.of());
        }
    }
}
