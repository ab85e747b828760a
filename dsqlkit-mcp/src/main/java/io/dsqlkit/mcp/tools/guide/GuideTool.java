package io.dsqlkit.mcp.tools.guide;

import io.dsqlkit.mcp.tools.Annotations;
import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.Schemas;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code dsql_guide(topic)}: answers from dsqlkit's bundled DSQL guide (offline). */
public final class GuideTool implements DsqlTool {
    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder().name("dsql_guide").title("Aurora DSQL guide")
                .description("Read dsqlkit's Aurora DSQL guide (offline, current as of 2026-09). Topics: "
                        + String.join(", ", GuideLibrary.TOPICS.keySet()) + ". You may also pass a question or keywords "
                        + "(e.g. 'foreign keys', 'async index', 'OC000'); the best matching page is returned. Read "
                        + "'constraints' before designing a schema.")
                .inputSchema(Schemas.object().string("topic", "A topic id or keywords", true).build())
                .annotations(Annotations.readOnly("Aurora DSQL guide"))
                .build();
    }

    @Override
    public McpSchema.CallToolResult call(ToolContext ctx, Map<String, Object> args) {
        String topic = new Args(args).requiredString("topic");
        Map<String, Object> out = new LinkedHashMap<>();
        var found = GuideLibrary.find(topic);
        if (found.isEmpty()) {
            out.put("found", false);
            out.put("message", "the guide has no page about that; ask again with one of these topic ids, or with words "
                    + "from DSQL's vocabulary (e.g. 'foreign keys', 'async index', 'OC000')");
            out.put("topics", GuideLibrary.TOPICS);
            return ToolResults.ok(out);
        }
        out.put("found", true);
        out.put("topic", found.get());
        out.put("title", GuideLibrary.TOPICS.get(found.get()));
        out.put("uri", "dsql://guide/" + found.get());
        out.put("markdown", GuideLibrary.page(found.get()));
        out.put("otherTopics", GuideLibrary.TOPICS.keySet());
        return ToolResults.ok(out);
    }
}
