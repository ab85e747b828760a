package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.tools.guide.GuideLibrary;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The DSQL guide pages as MCP resources {@code dsql://guide/<topic>} (text/markdown). */
final class GuideResources {
    private GuideResources() {}

    static List<McpServerFeatures.SyncResourceSpecification> all() {
        List<McpServerFeatures.SyncResourceSpecification> out = new ArrayList<>();
        for (Map.Entry<String, String> e : GuideLibrary.TOPICS.entrySet()) {
            String uri = "dsql://guide/" + e.getKey();
            McpSchema.Resource r = McpSchema.Resource.builder().uri(uri).name(e.getKey()).title(e.getValue())
                    .description(e.getValue() + " (dsqlkit's DSQL guide)").mimeType("text/markdown").build();
            out.add(new McpServerFeatures.SyncResourceSpecification(r, (exchange, req) -> new McpSchema.ReadResourceResult(
                    List.of(new McpSchema.TextResourceContents(uri, "text/markdown", GuideLibrary.page(e.getKey()))))));
        }
        return out;
    }
}
