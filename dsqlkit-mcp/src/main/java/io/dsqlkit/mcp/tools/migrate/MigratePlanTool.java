package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.schema.MigrationPlan;
import io.dsqlkit.migrate.schema.MigrationStep;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code migrate_plan}: lint pending migration files and list the exact steps apply would run. */
public final class MigratePlanTool implements DsqlTool {
    static Schemas common() {
        return Schemas.object()
                .string("location", "Folder of migration files on the server's machine (default db/migration)", false)
                .string("history_table", "History table (default dsqlkit_schema_history)", false)
                .bool("out_of_order", "Allow pending versions lower than the highest applied one");
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("migrate_plan").title("Plan migrations")
                .description("Lint every pending migration file (V<version>__<description>.sql, R__<description>.sql) for DSQL "
                        + "and list the exact steps migrate_apply would run: one statement per transaction, async index builds "
                        + "waited on. Returns {runnable, problems, lint, pending: [{migration, steps}]}; lint errors, edited "
                        + "applied files and out-of-order versions make it not runnable.")
                .inputSchema(common().build())
                .annotations(Annotations.readOnly("Plan migrations"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        try {
            MigrationPlan plan = MigrateToolSupport.migrator(ctx, new Args(args), false).plan();
            return ToolResults.ok(describe(plan));
        } catch (IOException e) {
            throw new ToolError(e.getMessage(), Map.of("argument", "location"));
        }
    }

    static Map<String, Object> describe(MigrationPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runnable", plan.runnable());
        m.put("problems", plan.problems());
        m.put("lint", plan.lint());
        List<Map<String, Object>> pending = plan.pending().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("migration", p.file().label());
            pm.put("file", p.file().fileName());
            pm.put("out_of_order", p.outOfOrder());
            pm.put("resumes_at_statement", p.firstToRun() + 1);
            pm.put("steps", p.steps().stream().map(s -> step(s, p.doneStatements().get(s.index()))).toList());
            return pm;
        }).toList();
        m.put("pending", pending);
        m.put("text", plan.describe());
        return m;
    }

    private static Map<String, Object> step(MigrationStep s, String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement", s.index() + 1);
        m.put("line", s.line());
        m.put("runs_as", s.kind().description());
        m.put("sql", s.sql());
        m.put("destructive", s.destructive());
        m.put("state", state == null ? "pending" : state);
        return m;
    }
}
