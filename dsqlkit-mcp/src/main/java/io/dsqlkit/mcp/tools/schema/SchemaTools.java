package io.dsqlkit.mcp.tools.schema;

import io.dsqlkit.mcp.tools.DsqlTool;

import java.util.List;

/** The declarative-schema tools, registered by one line in ToolCatalog. */
public final class SchemaTools {
    private SchemaTools() {}

    public static void addTo(List<DsqlTool> tools) {
        tools.add(new SchemaPlanTool());
        tools.add(new SchemaApplyTool());
    }
}
