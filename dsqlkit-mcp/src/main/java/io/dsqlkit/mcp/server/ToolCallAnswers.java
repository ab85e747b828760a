package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.db.PlainJson;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

import java.io.StringWriter;

/**
 * Writes the answer to a tool call in one streaming pass: the same bytes the SDK's mapper writes for the
 * {@code JSONRPCResponse} (member order, escaping, number forms), without data binding's per-call
 * introspection of records and type information, the second largest share of a tool call's own CPU time after
 * reading the request ({@link JsonRpcRequests}). Only the shape dsqlkit's tools produce is written here: a result
 * of text contents (no annotations, no {@code _meta}) and a structured map of {@link PlainJson} values. Anything
 * else returns null and the SDK's mapper writes it.
 * {@code ToolCallAnswersTest} compares both writers byte for byte.
 */
final class ToolCallAnswers {
    private ToolCallAnswers() {}

    /** The JSON line for {@code message}, or null to let the SDK's mapper write it. */
    static String json(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCResponse response) || response.error() != null
                || !(response.result() instanceof McpSchema.CallToolResult result) || !plain(response.id(), result)) {
            return null;
        }
        StringWriter out = new StringWriter(1024); // a rows answer: the fenced text, then the structured rows
        try (JsonGenerator g = PlainJson.generator(out)) {
            writeResultHead(g, response.jsonrpc(), response.id());
            g.writeStartObject();
            g.writeName("content");
            g.writeStartArray();
            for (McpSchema.Content c : result.content()) {
                g.writeStartObject();
                g.writeStringProperty("type", "text");
                g.writeStringProperty("text", ((McpSchema.TextContent) c).text());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanProperty("isError", result.isError());
            if (result.structuredContent() != null) {
                g.writeName("structuredContent");
                if (!PlainJson.write(g, result.structuredContent())) return null;
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (JacksonException e) {
            return null;
        }
        return out.toString();
    }

    /**
     * Opens a JSON-RPC response as the SDK's mapper writes it, up to its {@code result} value: {@code {"jsonrpc":...,
     * "id":...,"result":}. The id is a String, Integer or Long (what the plain readers build).
     */
    static void writeResultHead(JsonGenerator g, String jsonrpc, Object id) {
        g.writeStartObject();
        g.writeStringProperty("jsonrpc", jsonrpc);
        g.writeName("id");
        if (id instanceof String s) g.writeString(s);
        else g.writeNumber(((Number) id).longValue());
        g.writeName("result");
    }

    private static boolean plain(Object id, McpSchema.CallToolResult r) {
        if (!(id instanceof String || id instanceof Integer || id instanceof Long)) return false;
        if (r.meta() != null || r.isError() == null || r.content() == null) return false;
        if (r.structuredContent() != null && !(r.structuredContent() instanceof java.util.Map)) return false;
        for (McpSchema.Content c : r.content()) {
            if (!(c instanceof McpSchema.TextContent t) || t.annotations() != null || t.meta() != null || t.text() == null) return false;
        }
        return true;
    }
}
