package io.dsqlkit.mcp.db;

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
 * Plain JSON values (null, strings, booleans, the JDK's numbers, lists, string-keyed maps) written with jackson-core's
 * generator alone: the same bytes the MCP SDK's mapper writes for them (its default generator settings; checked by
 * {@code ToolCallAnswersTest} and {@code PlainJsonTest}), without data binding's per-call setup, which costs more than
 * the writing for a single value. Anything else is not plain: the caller falls back to the mapper.
 */
public final class PlainJson {
    private static final JsonFactory JSON = new JsonFactory();

    private PlainJson() {}

    /** A generator over {@code out} with the mapper's default settings. */
    public static JsonGenerator generator(StringWriter out) {
        return JSON.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** {@code v} as JSON text, or null when it is not plain. */
    public static String text(Object v) {
        if (v == null) return "null";
        if (v instanceof Boolean b) return b ? "true" : "false";
        if (v instanceof Integer || v instanceof Long) return v.toString();
        StringWriter out = new StringWriter(v instanceof String s ? s.length() + 8 : 32);
        try (JsonGenerator g = generator(out)) {
            if (!write(g, v)) return null;
        } catch (JacksonException e) {
            return null;
        }
        return out.toString();
    }

    /**
     * Writes {@code name} and {@code v} unless {@code v} is null (the SDK records' NON_ABSENT inclusion); false as
     * {@link #write}.
     */
    public static boolean writeOptional(JsonGenerator g, String name, Object v) {
        if (v == null) return true;
        g.writeName(name);
        return write(g, v);
    }

    /** Writes {@code v}; false (stop: the output is incomplete) when something in it is not plain. */
    public static boolean write(JsonGenerator g, Object v) {
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
            for (Object o : list) if (!write(g, o)) return false;
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) return false;
                g.writeName(k);
                if (!write(g, e.getValue())) return false;
            }
            g.writeEndObject();
        } else {
            return false;
        }
        return true;
    }
}
