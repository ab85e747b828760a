package io.dsqlkit.mcp.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tool the server offers, as one explicit list (order = order in tools/list). Add a tool by
 * adding one line here.
 */
public final class ToolCatalog {
    private ToolCatalog() {}

    public static List<DsqlTool> all() {
        List<DsqlTool> tools = new ArrayList<>();
        tools.add(new io.dsqlkit.mcp.tools.sql.QueryTool());
        tools.add(new io.dsqlkit.mcp.tools.sql.ExecuteTool());
        tools.add(new io.dsqlkit.mcp.tools.catalog.ListTablesTool());
        tools.add(new io.dsqlkit.mcp.tools.catalog.DescribeTableTool());
        tools.add(new io.dsqlkit.mcp.tools.sql.ReadonlyQueryTool());
        tools.add(new io.dsqlkit.mcp.tools.sql.TransactTool());
        tools.add(new io.dsqlkit.mcp.tools.catalog.GetSchemaTool());
        tools.add(new io.dsqlkit.mcp.tools.lint.LintTool());
        tools.add(new io.dsqlkit.mcp.tools.sql.ExplainTool());
        tools.add(new io.dsqlkit.mcp.tools.jobs.ListJobsTool());
        tools.add(new io.dsqlkit.mcp.tools.jobs.WaitForJobTool());
        tools.add(new io.dsqlkit.mcp.tools.guide.GuideTool());
        // migrations / batches / integrity tools (package io.dsqlkit.mcp.tools.migrate) register below
        io.dsqlkit.mcp.tools.migrate.MigrateTools.addTo(tools);
        return tools;
    }
}
