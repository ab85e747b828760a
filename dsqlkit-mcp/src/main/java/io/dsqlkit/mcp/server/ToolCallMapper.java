package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.util.Map;

/**
 * The SDK's JSON mapper, except that a tool call's params become the {@code CallToolRequest} without data binding
 * ({@link #callToolRequest}): the server converts the params of every tools/call with its mapper, and the conversion
 * (a record creator called through method handles) was a tenth of a call's CPU time. Any other conversion, and params
 * of another shape, go to the SDK's mapper, made on first use (it is a part of a cold start).
 */
final class ToolCallMapper implements McpJsonMapper {
    static final ToolCallMapper INSTANCE = new ToolCallMapper();

    private ToolCallMapper() {}

    /** The SDK's mapper, looked up once (its getter is synchronized and this runs for every conversion). */
    private static final class Sdk {
        static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();
    }

    private static McpJsonMapper sdk() {
        return Sdk.MAPPER;
    }

    /**
     * A tool call's params as the SDK's {@code CallToolRequest}, built directly. Null unless the map has the plain
     * shape ({@code name} a string, {@code arguments} and {@code _meta} maps or absent, nothing else), so that anything
     * else is converted, and refused, by the SDK as before. The maps are the request's own (read by
     * {@link JsonRpcRequests#read} or the SDK's reader, never changed afterwards), as conversion would copy them into
     * equal maps.
     */
    @SuppressWarnings("unchecked")
    static McpSchema.CallToolRequest callToolRequest(Object params) {
        if (!(params instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) return null;
        Object arguments = m.get("arguments");
        Object meta = m.get("_meta");
        int known = 1 + (m.containsKey("arguments") ? 1 : 0) + (m.containsKey("_meta") ? 1 : 0);
        if (m.size() != known || !stringKeyed(arguments) || !stringKeyed(meta)) return null;
        return new McpSchema.CallToolRequest(name, (Map<String, Object>) arguments, (Map<String, Object>) meta);
    }

    private static boolean stringKeyed(Object v) {
        if (v == null) return true;
        if (!(v instanceof Map<?, ?> m)) return false;
        for (Object k : m.keySet()) if (!(k instanceof String)) return false;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        if (type.getType() == McpSchema.CallToolRequest.class) {
            McpSchema.CallToolRequest request = callToolRequest(fromValue);
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
