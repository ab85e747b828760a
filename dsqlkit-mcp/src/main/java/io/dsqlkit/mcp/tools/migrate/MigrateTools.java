package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.DsqlTool;

import java.util.List;

/** The migration, batch, integrity and declarative-schema tools, registered by one line in ToolCatalog. */
public final class MigrateTools {
    private MigrateTools() {}

    public static void addTo(List<DsqlTool> tools) {
        tools.add(new MigratePlanTool());
        tools.add(new MigrateApplyTool());
        tools.add(new MigrateStatusTool());
        tools.add(new BatchExecuteTool());
        tools.add(new InsertRowsTool());
        tools.add(new CheckReferencesTool());
        tools.add(new SchemaPlanTool());
        tools.add(new SchemaApplyTool());
    }
}
