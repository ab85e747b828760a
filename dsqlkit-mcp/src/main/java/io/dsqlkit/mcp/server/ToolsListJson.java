package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The tools/list result ({@code {"tools":[...]}}) written with jackson-core's streaming generator, as the SDK's mapper
 * writes a {@link McpSchema.ListToolsResult}: the same properties in the same order, absent ones left out. On a fresh
 * JVM Jackson's data binding took ~100 ms to build its serializers for these records, longer than the rest of the
 * start-up after the initialize answer; this takes a few. A definition with anything this does not write as the SDK
 * does (icons, a null inside a schema, a value that is not JSON's) gives null, and the SDK's mapper is used instead.
 * {@code StdioTransportTest} compares the two answers.
 */
final class ToolsListJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ToolsListJson() {}

    /** The result for {@code tools}, or null when one of them needs the SDK's mapper. */
    static String render(List<McpSchema.Tool> tools) {
        StringWriter w = new StringWriter(32 * 1024);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeName("tools");
            g.writeStartArray();
            for (McpSchema.Tool t : tools) {
                if (!tool(g, t)) return null;
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return w.toString();
    }

    private static boolean tool(JsonGenerator g, McpSchema.Tool t) {
        if (t.name() == null || t.icons() != null) return false;
        g.writeStartObject();
        g.writeStringProperty("name", t.name());
        if (t.title() != null) g.writeStringProperty("title", t.title());
        if (t.description() != null) g.writeStringProperty("description", t.description());
        if (!property(g, "inputSchema", t.inputSchema()) || !property(g, "outputSchema", t.outputSchema())) return false;
        if (t.annotations() != null) {
            McpSchema.ToolAnnotations a = t.annotations();
            g.writeName("annotations");
            g.writeStartObject();
            if (a.title() != null) g.writeStringProperty("title", a.title());
            flag(g, "readOnlyHint", a.readOnlyHint());
            flag(g, "destructiveHint", a.destructiveHint());
            flag(g, "idempotentHint", a.idempotentHint());
            flag(g, "openWorldHint", a.openWorldHint());
            flag(g, "returnDirect", a.returnDirect());
            g.writeEndObject();
        }
        if (!property(g, "_meta", t.meta())) return false;
        g.writeEndObject();
        return true;
    }

    private static void flag(JsonGenerator g, String name, Boolean value) {
        if (value != null) g.writeBooleanProperty(name, value);
    }

    private static boolean property(JsonGenerator g, String name, Object value) {
        if (value == null) return true;
        g.writeName(name);
        return value(g, value);
    }

    /** A schema value: objects with string keys, arrays, strings, booleans, numbers; false for anything else. */
    private static boolean value(JsonGenerator g, Object v) {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k) || e.getValue() == null) return false;
                g.writeName(k);
                if (!value(g, e.getValue())) return false;
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                if (o == null || !value(g, o)) return false;
            }
            g.writeEndArray();
        } else {
            return false;
        }
        return true;
    }
}
