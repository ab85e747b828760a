package io.dsqlkit.mcp.tools;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds tool results: the structured value as {@code structuredContent} and, for clients that only
 * read text, the same value serialized as JSON text content.
 */
public final class ToolResults {
    private ToolResults() {}

    public static McpSchema.CallToolResult ok(Map<String, ?> structured) {
        return McpSchema.CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(json(structured))
                .isError(false)
                .build();
    }

    /** A domain error: {"error": message, ...details}. */
    public static McpSchema.CallToolResult error(String message, Map<String, ?> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(details);
        return McpSchema.CallToolResult.builder()
                .structuredContent(body)
                .addTextContent(json(body))
                .isError(true)
                .build();
    }

    public static McpSchema.CallToolResult error(ToolError e) {
        return error(e.getMessage(), e.details());
    }

    public static String json(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static McpJsonMapper mapper() {
        return McpJsonDefaults.getMapper();
    }
}
