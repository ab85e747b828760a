package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.db.PlainJson;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

import java.io.StringWriter;
import java.util.List;

/**
 * The tools/list result ({@code {"tools":[...]}}) written with jackson-core's streaming generator, as the SDK's mapper
 * writes a {@link McpSchema.ListToolsResult}: the same properties in the same order, absent ones left out, schemas as
 * {@link PlainJson} values. On a fresh JVM Jackson's data binding took ~100 ms to build its serializers for these
 * records, longer than the rest of the start-up after the initialize answer; this takes a few. A definition with
 * anything this does not write as the SDK does (icons, a schema value that is not plain JSON) gives null, and the
 * SDK's mapper is used instead. {@code ToolsListJsonTest} and {@code StdioTransportTest} compare the two.
 */
final class ToolsListJson {
    private ToolsListJson() {}

    /** The result for {@code tools}, or null when one of them needs the SDK's mapper. */
    static String render(List<McpSchema.Tool> tools) {
        StringWriter w = new StringWriter(32 * 1024);
        try (JsonGenerator g = PlainJson.generator(w)) {
            g.writeStartObject();
            g.writeName("tools");
            g.writeStartArray();
            for (McpSchema.Tool t : tools) {
                if (!tool(g, t)) return null;
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (JacksonException e) {
            return null;
        }
        return w.toString();
    }

    private static boolean tool(JsonGenerator g, McpSchema.Tool t) {
        if (t.name() == null || t.icons() != null) return false;
        g.writeStartObject();
        g.writeStringProperty("name", t.name());
        PlainJson.writeOptional(g, "title", t.title());
        PlainJson.writeOptional(g, "description", t.description());
        if (!PlainJson.writeOptional(g, "inputSchema", t.inputSchema())
                || !PlainJson.writeOptional(g, "outputSchema", t.outputSchema())) return false;
        McpSchema.ToolAnnotations a = t.annotations();
        if (a != null) {
            g.writeName("annotations");
            g.writeStartObject();
            PlainJson.writeOptional(g, "title", a.title());
            PlainJson.writeOptional(g, "readOnlyHint", a.readOnlyHint());
            PlainJson.writeOptional(g, "destructiveHint", a.destructiveHint());
            PlainJson.writeOptional(g, "idempotentHint", a.idempotentHint());
            PlainJson.writeOptional(g, "openWorldHint", a.openWorldHint());
            PlainJson.writeOptional(g, "returnDirect", a.returnDirect());
            g.writeEndObject();
        }
        if (!PlainJson.writeOptional(g, "_meta", t.meta())) return false;
        g.writeEndObject();
        return true;
    }
}
