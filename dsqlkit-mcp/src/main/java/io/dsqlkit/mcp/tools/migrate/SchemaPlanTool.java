package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.declarative.DesiredSchemaReader;
import io.dsqlkit.migrate.declarative.SchemaApplier;
import io.dsqlkit.migrate.declarative.SchemaException;
import io.dsqlkit.migrate.declarative.SchemaModel;
import io.dsqlkit.migrate.declarative.SchemaPlan;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code schema_plan}: the DSQL-safe steps from the live schema to a desired one (read-only). */
public final class SchemaPlanTool implements DsqlTool {
    static Schemas common() {
        return Schemas.object()
                .string("desired_sql", "The whole desired schema as SQL: CREATE SCHEMA/TABLE/INDEX/VIEW/SEQUENCE and COMMENT ON "
                        + "(objects in schemas it does not mention are left alone)", false)
                .string("desired_path", "Instead of desired_sql: a .sql file or a directory of them on the server's machine", false);
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("schema_plan").title("Plan a declarative schema change")
                .description("Compare a desired schema (SQL declarations) with the live catalog and return the ordered steps "
                        + "that get there on DSQL, each one transaction: plain DDL, CREATE INDEX ASYNC + wait, ADD COLUMN then "
                        + "SET DEFAULT then a chunked backfill, constraints NOT VALID then ALTER TABLE ASYNC ... VALIDATE, and "
                        + "table recreation (new table, chunked copy, swap) for type changes, SET NOT NULL or a new primary key. "
                        + "Renames only with a '-- dsqlkit:renamed-from old' comment. Returns {steps: [{action, object, sql, runs, "
                        + "destructive}], text}; steps is empty when the database matches. Nothing is changed.")
                .inputSchema(common().build())
                .annotations(Annotations.readOnly("Plan a declarative schema change"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        SchemaApplier applier = applier(ctx, line -> {});
        try {
            SchemaPlan plan = applier.plan(desired(new Args(args)));
            Map<String, Object> m = new LinkedHashMap<>(plan.toJson());
            m.put("interrupted_applies", applier.unfinished());
            m.put("text", plan.describe());
            return ToolResults.ok(m);
        } catch (SchemaException e) {
            return ToolResults.error(e.getMessage(), Map.of("hint", "change the desired schema, or the profile (--profile) if it "
                    + "is a newer DSQL feature"));
        }
    }

    static SchemaApplier applier(ToolContext ctx, Consumer<String> log) {
        return new SchemaApplier(io.dsqlkit.mcp.db.SessionHygiene.forWrites(ctx.database()), ctx.linter().profile(), log);
    }

    static SchemaModel desired(Args a) {
        String sql = a.optionalString("desired_sql", null);
        String path = a.optionalString("desired_path", null);
        if ((sql == null) == (path == null)) {
            throw new ToolError("give exactly one of desired_sql (the SQL text) or desired_path (a file or directory)",
                    Map.of("argument", "desired_sql"));
        }
        try {
            return sql != null ? DesiredSchemaReader.parse(sql) : DesiredSchemaReader.read(Path.of(path));
        } catch (IOException e) {
            throw new ToolError(e.getMessage(), Map.of("argument", "desired_path"));
        } catch (SchemaException e) {
            throw new ToolError(e.getMessage(), Map.of("argument", sql != null ? "desired_sql" : "desired_path"));
        }
    }
}
