package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.schema.MigrationState;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code migrate_status}: applied, pending, partially applied and edited migrations. */
public final class MigrateStatusTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("migrate_status").title("Migration status")
                .description("List migrations with their state: APPLIED, PENDING, PARTIAL (n/m statements applied; apply resumes), "
                        + "CHECKSUM_MISMATCH (edited after applying), MISSING_FILE, OUT_OF_ORDER, SUPERSEDED (old repeatable content).")
                .inputSchema(MigratePlanTool.common().build())
                .annotations(Annotations.readOnly("Migration status"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        try {
            List<MigrationState> states = MigrateToolSupport.migrator(ctx, new Args(args), false).status();
            List<Map<String, Object>> rows = states.stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("migration", s.label());
                m.put("file", s.script());
                m.put("state", s.state().name());
                m.put("detail", s.detail());
                return m;
            }).toList();
            return ToolResults.ok(Map.of("migrations", rows));
        } catch (IOException e) {
            throw new ToolError(e.getMessage(), Map.of("argument", "location"));
        }
    }
}
