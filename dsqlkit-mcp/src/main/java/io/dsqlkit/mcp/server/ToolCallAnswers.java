package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes the answer to a tool call in one streaming pass: the same bytes the SDK's mapper writes for the
 * {@code JSONRPCResponse} (member order, escaping, number forms), without data binding's per-call
 * introspection of records and type information, the second largest share of a tool call's own CPU time after
 * reading the request ({@link JsonRpcRequests}). Only the shape dsqlkit's tools produce is written here: a result
 * of text contents (no annotations, no {@code _meta}) and a structured map of JSON values (strings, numbers,
 * booleans, nulls, lists and string-keyed maps). Anything else returns null and the SDK's mapper writes it.
 * {@code ToolCallAnswersTest} compares both writers byte for byte.
 */
final class ToolCallAnswers {
    private static final JsonFactory JSON = new JsonFactory();

    private ToolCallAnswers() {}

    /** The JSON line for {@code message}, or null to let the SDK's mapper write it. */
    static String json(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCResponse response) || response.error() != null
                || !(response.result() instanceof McpSchema.CallToolResult result) || !plain(response.id(), result)) {
            return null;
        }
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", response.jsonrpc());
            g.writeName("id");
            if (response.id() instanceof String s) g.writeString(s);
            else if (response.id() instanceof Integer i) g.writeNumber(i);
            else g.writeNumber((Long) response.id());
            g.writeName("result");
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
                if (!value(g, result.structuredContent())) return null;
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (JacksonException e) {
            return null;
        }
        return out.toString();
    }

    private static boolean plain(Object id, McpSchema.CallToolResult r) {
        if (!(id instanceof String || id instanceof Integer || id instanceof Long)) return false;
        if (r.meta() != null || r.isError() == null || r.content() == null) return false;
        if (r.structuredContent() != null && !(r.structuredContent() instanceof Map)) return false;
        for (McpSchema.Content c : r.content()) {
            if (!(c instanceof McpSchema.TextContent t) || t.annotations() != null || t.meta() != null || t.text() == null) return false;
        }
        return true;
    }

    /** Writes a JSON value; false (stop, the SDK writes the message) for anything else. */
    private static boolean value(JsonGenerator g, Object v) {
        if (v == null) g.writeNull();
        else if (v instanceof String s) g.writeString(s);
        else if (v instanceof Boolean b) g.writeBoolean(b);
        else if (v instanceof Integer || v instanceof Short || v instanceof Byte) g.writeNumber(((Number) v).intValue());
        else if (v instanceof Long l) g.writeNumber(l);
        else if (v instanceof Double d) g.writeNumber(d);
        else if (v instanceof Float f) g.writeNumber(f);
        else if (v instanceof BigDecimal d) g.writeNumber(d);
        else if (v instanceof BigInteger i) g.writeNumber(i);
        else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) if (!value(g, o)) return false;
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) return false;
                g.writeName(k);
                if (!value(g, e.getValue())) return false;
            }
            g.writeEndObject();
        } else {
            return false;
        }
        return true;
    }
}
