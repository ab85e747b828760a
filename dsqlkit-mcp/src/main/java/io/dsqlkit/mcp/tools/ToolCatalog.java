package io.dsqlkit.mcp.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tool the server offers, as one explicit list (order = order in tools/list): the only tool
 * registry. Add a tool by adding one line here.
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
        tools.add(new io.dsqlkit.mcp.tools.migrate.MigratePlanTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.MigrateApplyTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.MigrateStatusTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.BatchExecuteTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.InsertRowsTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.CheckReferencesTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.SchemaPlanTool());
        tools.add(new io.dsqlkit.mcp.tools.migrate.SchemaApplyTool());
        return tools;
    }
}
