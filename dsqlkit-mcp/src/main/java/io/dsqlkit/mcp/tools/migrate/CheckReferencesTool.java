package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.mcp.tools.args.CatalogNames;
import io.dsqlkit.mcp.tools.args.GuardedSql;
import io.dsqlkit.mcp.tools.args.TableName;
import io.dsqlkit.migrate.integrity.IntegrityChecker;
import io.dsqlkit.migrate.integrity.Relationship;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check_references}: orphaned child rows for catalog foreign keys and declared relationships.
 * <p>
 * Only reads: every table and column named by an argument or a relationships file is resolved
 * through the catalog, the orphan queries are built from the catalog's names, and each runs as the
 * {@code query} tool runs a read (statement guard, {@code BEGIN READ ONLY}, always rolled back).
 * Under a tenant, tenant-scoped child and parent tables are restricted to the tenant, so counts and
 * sample keys cover only the tenant's rows (and the tenant guard checks each plan).
 */
public final class CheckReferencesTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("check_references").title("Find orphaned rows")
                .description("Find child rows whose reference matches no parent row, for foreign keys in the catalog and for "
                        + "relationships the application enforces (pass child/columns/parent/parent_columns for one, or "
                        + "relationships_file for a JSON file). Returns per relationship the orphan count and sample keys. "
                        + "Read-only; table and column names must exist.")
                .inputSchema(Schemas.object()
                        .string("table", "Only relationships whose child or parent is this table", false)
                        .string("child", "Child table of an undeclared relationship", false)
                        .stringArray("columns", "Child columns of that relationship", false)
                        .string("parent", "Parent table of that relationship", false)
                        .stringArray("parent_columns", "Parent columns (default [id])", false)
                        .string("relationships_file", "JSON relationships file (.json) on the server's machine", false)
                        .integer("sample", "Orphan keys to return per relationship (default 5)", 0, 100).build())
                .annotations(Annotations.readOnly("Find orphaned rows"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) throws SQLException {
        Args a = new Args(args);
        int sample = a.integer("sample", 5, 0, 100);
        List<Relationship> declared = new ArrayList<>();
        String file = a.optionalString("relationships_file", null);
        if (file != null) declared.addAll(fromFile(file));
        String child = a.optionalString("child", null);
        if (child != null) {
            List<String> cols = strings(a.list("columns"), "columns");
            List<String> pcols = a.raw("parent_columns") == null ? List.of("id") : strings(a.list("parent_columns"), "parent_columns");
            try {
                declared.add(new Relationship("arguments", child, cols, a.requiredString("parent"), pcols, "arguments"));
            } catch (IllegalArgumentException e) {
                throw ToolError.badArgument("columns", e.getMessage());
            }
        }
        String table = a.optionalString("table", null);
        SqlExecutor ex = new SqlExecutor(ctx);
        List<Checked> checks = ex.inReadOnlyTransaction(c -> {
            List<Relationship> all = new ArrayList<>(Relationship.fromCatalog(c));
            all.addAll(declared);
            TableName only = table == null ? null : CatalogNames.table(c, table, "table");
            List<Checked> out = new ArrayList<>();
            for (Relationship r : all) {
                Checked k = resolve(ctx, c, r);
                if (only == null || k.relationship().child().equals(only.sql()) || k.relationship().parent().equals(only.sql())) out.add(k);
            }
            return out;
        });
        List<Map<String, Object>> out = new ArrayList<>();
        long total = 0;
        for (Checked k : checks) {
            IntegrityChecker.OrphanQueries q = IntegrityChecker.orphanQueries(k.relationship(), k.childFilter(), k.parentFilter(), sample);
            long count = ((Number) rows(ex.read(q.count(), k.params())).get(0).get("orphans")).longValue();
            List<List<String>> keys = new ArrayList<>();
            if (count > 0 && sample > 0) {
                for (Map<String, Object> row : rows(ex.read(q.sample(), k.params()))) {
                    keys.add(row.values().stream().map(v -> v == null ? null : String.valueOf(v)).toList());
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("relationship", k.relationship().describe());
            m.put("source", k.relationship().source());
            m.put("orphans", count);
            m.put("sample", keys);
            if (k.childFilter() != null) m.put("tenant_scoped", true);
            out.add(m);
            total += count;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("relationships", out);
        result.put("orphans_total", total);
        return ToolResults.ok(result);
    }

    /** A relationship in catalog names, with the tenant restriction of each side ($1) if any. */
    private record Checked(Relationship relationship, String childFilter, String parentFilter, List<Object> params) {}

    private static Checked resolve(ToolContext ctx, Connection c, Relationship r) throws SQLException {
        String from = r.source().equals("arguments") ? "" : " (relationship " + r.name() + " from " + r.source() + ")";
        TableName child = CatalogNames.table(c, r.child(), "child" + from);
        TableName parent = CatalogNames.table(c, r.parent(), "parent" + from);
        List<String> cols = new ArrayList<>();
        for (String col : r.columns()) cols.add(CatalogNames.column(c, child, col, "columns" + from));
        List<String> pcols = new ArrayList<>();
        for (String col : r.parentColumns()) pcols.add(CatalogNames.column(c, parent, col, "parent_columns" + from));
        String childFilter = GuardedSql.tenantCondition(ctx, c, child, "c", "$1", false);
        String parentFilter = GuardedSql.tenantCondition(ctx, c, parent, "p", "$1", false);
        List<Object> params = childFilter == null && parentFilter == null ? List.of() : List.of(ctx.tenant());
        return new Checked(new Relationship(r.name(), child.sql(), cols, parent.sql(), pcols, r.source()), childFilter, parentFilter, params);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("rows");
    }

    private static List<Relationship> fromFile(String file) {
        Path p = Path.of(file);
        if (!file.endsWith(".json") || !Files.isRegularFile(p)) {
            throw ToolError.badArgument("relationships_file", "must be an existing .json file on the server's machine");
        }
        try {
            return Relationship.fromFile(p);
        } catch (IOException e) {
            throw ToolError.badArgument("relationships_file", e.getMessage());
        }
    }

    private static List<String> strings(List<Object> l, String arg) {
        if (l == null || l.isEmpty()) throw ToolError.badArgument(arg, "give the columns as a list of names");
        for (Object o : l) if (!(o instanceof String)) throw ToolError.badArgument(arg, "must be a list of column names (strings)");
        return l.stream().map(String.class::cast).toList();
    }
}
