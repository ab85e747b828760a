package io.dsqlkit.mcp.tools;

import io.modelcontextprotocol.spec.McpSchema;

/** The MCP tool annotations dsqlkit's tools use. */
public final class Annotations {
    private Annotations() {}

    public static McpSchema.ToolAnnotations readOnly(String title) {
        return McpSchema.ToolAnnotations.builder().title(title).readOnlyHint(true).destructiveHint(false)
                .idempotentHint(true).openWorldHint(false).build();
    }

    public static McpSchema.ToolAnnotations write(String title, boolean destructive, boolean idempotent) {
        return McpSchema.ToolAnnotations.builder().title(title).readOnlyHint(false).destructiveHint(destructive)
                .idempotentHint(idempotent).openWorldHint(false).build();
    }
}
