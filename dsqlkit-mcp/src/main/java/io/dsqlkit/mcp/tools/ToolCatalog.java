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
        // migrations / batches / integrity tools (package io.dsqlkit.mcp.tools.migrate) register below
        return tools;
    }
}
