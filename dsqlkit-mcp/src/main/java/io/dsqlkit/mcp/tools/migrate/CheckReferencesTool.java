package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.migrate.integrity.IntegrityChecker;
import io.dsqlkit.migrate.integrity.Orphans;
import io.dsqlkit.migrate.integrity.Relationship;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code check_references}: orphaned child rows for catalog foreign keys and declared relationships. */
public final class CheckReferencesTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("check_references").title("Find orphaned rows")
                .description("Find child rows whose reference matches no parent row, for foreign keys in the catalog and for "
                        + "relationships the application enforces (pass child/columns/parent/parent_columns for one, or "
                        + "relationships_file for a JSON file). Returns per relationship the orphan count and sample keys.")
                .inputSchema(Schemas.object()
                        .string("table", "Only relationships whose child or parent is this table", false)
                        .string("child", "Child table of an undeclared relationship", false)
                        .stringArray("columns", "Child columns of that relationship", false)
                        .string("parent", "Parent table of that relationship", false)
                        .stringArray("parent_columns", "Parent columns (default [id])", false)
                        .string("relationships_file", "JSON relationships file on the server's machine", false)
                        .integer("sample", "Orphan keys to return per relationship (default 5)", 0, 100).build())
                .annotations(Annotations.readOnly("Find orphaned rows"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        List<Relationship> rels = new ArrayList<>();
        try (Connection c = ctx.database().connection()) {
            rels.addAll(Relationship.fromCatalog(c));
        }
        String file = a.optionalString("relationships_file", null);
        if (file != null) {
            try {
                rels.addAll(Relationship.fromFile(Path.of(file)));
            } catch (IOException e) {
                throw ToolError.badArgument("relationships_file", e.getMessage());
            }
        }
        String child = a.optionalString("child", null);
        if (child != null) {
            List<String> cols = strings(a.list("columns"));
            List<String> pcols = a.raw("parent_columns") == null ? List.of("id") : strings(a.list("parent_columns"));
            try {
                rels.add(new Relationship(child + "_ref", child, cols, a.requiredString("parent"), pcols, "arguments"));
            } catch (IllegalArgumentException e) {
                throw ToolError.badArgument("columns", e.getMessage());
            }
        }
        String table = a.optionalString("table", null);
        if (table != null) rels.removeIf(r -> !r.child().equals(table) && !r.parent().equals(table));
        List<Map<String, Object>> out = new ArrayList<>();
        long total = 0;
        for (Orphans o : new IntegrityChecker(ctx.database().dataSource(), rels).findOrphans(a.integer("sample", 5, 0, 100))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("relationship", o.relationship().describe());
            m.put("source", o.relationship().source());
            m.put("orphans", o.count());
            m.put("sample", o.sample());
            out.add(m);
            total += o.count();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("relationships", out);
        result.put("orphans_total", total);
        return ToolResults.ok(result);
    }

    private static List<String> strings(List<Object> l) {
        if (l == null || l.isEmpty()) throw ToolError.badArgument("columns", "give the child columns as a list of names");
        return l.stream().map(String::valueOf).toList();
    }
}
