package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;

/**
 * The SDK's JSON mapper, except that a tool call's params become the {@code CallToolRequest} without data binding
 * ({@link JsonRpcRequests#callToolRequest}): the server converts the params of every tools/call with its mapper, and
 * the conversion (a record creator called through method handles) was a tenth of a call's CPU time. Any other
 * conversion, and params of another shape, go to the SDK's mapper, made on first use (it is a part of a cold start).
 */
final class ToolCallMapper implements McpJsonMapper {
    static final ToolCallMapper INSTANCE = new ToolCallMapper();

    private ToolCallMapper() {}

    private static McpJsonMapper sdk() {
        return McpJsonDefaults.getMapper();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        if (type.getType() == McpSchema.CallToolRequest.class) {
            McpSchema.CallToolRequest request = JsonRpcRequests.callToolRequest(fromValue);
            if (request != null) return (T) request;
        }
        return sdk().convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return sdk().convertValue(fromValue, type);
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return sdk().readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return sdk().readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return sdk().readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return sdk().readValue(content, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return sdk().writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return sdk().writeValueAsBytes(value);
    }
}
