package io.dsqlkit.mcp.tools.lint;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolResults;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.FixResult;
import io.dsqlkit.rules.LintResult;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code dsql_lint(sql, fix?)}: what DSQL would reject in a script, and the mechanical fixes. Offline. */
public final class LintTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("dsql_lint").title("Lint SQL for DSQL")
                .description("Check SQL (one statement or a whole migration script) against Aurora DSQL's rules without running it: "
                        + "each finding has the rule id, severity, DSQL's exact error message and SQLSTATE, the line/column, and "
                        + "how to fix it. With fix: true, also returns the script with every mechanical fix applied (e.g. "
                        + "CREATE INDEX -> CREATE INDEX ASYNC) and what could not be fixed. Works offline.")
                .inputSchema(Schemas.object()
                        .string("sql", "SQL text: one statement or a script", true)
                        .bool("fix", "Also return the fixed SQL (default false)").build())
                .annotations(Annotations.readOnly("Lint SQL for DSQL"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) {
        Args a = new Args(args);
        String sql = a.requiredString("sql");
        LintResult r = ctx.linter().lint(sql);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", ctx.settings().profile().id());
        out.put("ok", !r.hasErrors());
        out.put("diagnostics", diagnostics(r.diagnostics()));
        if (a.bool("fix", false)) {
            FixResult f = ctx.linter().fix(sql);
            out.put("fixedSql", f.fixed());
            out.put("changed", f.changed());
            out.put("remaining", diagnostics(f.remaining()));
        }
        return ToolResults.ok(out);
    }

    static List<Map<String, Object>> diagnostics(List<Diagnostic> ds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Diagnostic d : ds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", d.ruleId());
            m.put("severity", d.severity().name().toLowerCase());
            m.put("sqlstate", d.sqlstate());
            m.put("message", d.message());
            if (d.help() != null) m.put("help", d.help());
            m.put("line", d.line());
            m.put("column", d.column());
            Finding f = new Finding(d, d.line(), d.column());
            if (f.hasFix()) {
                m.put("fixable", f.fixable());
                m.put("fix", f.fixText());
            }
            out.add(m);
        }
        return out;
    }
}
