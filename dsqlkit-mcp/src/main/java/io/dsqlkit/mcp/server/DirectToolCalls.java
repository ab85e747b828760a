package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.db.PlainJson;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tools/call answered without the MCP SDK's request pipeline, for {@link StdioTransport}. The SDK turns each call
 * into a chain of some twenty Reactor operators (session, exchange, request handler, tool lookup, structured-output
 * wrapper, response mapping) around the one thing that does the work, {@link ToolAdapter#invoke}: about an eighth of
 * a {@code query} call's CPU, and code that a fresh server's JIT has to compile before calls get fast. Here the
 * transport hands the params to {@link #call} and writes the result as the SDK would have.
 * <p>
 * What the SDK would do on the way is done here too, or the call is left to it: the params must have the plain
 * shape ({@link ToolCallMapper#callToolRequest}), the tool must be one registered with the server (an unknown name
 * gets the SDK's error), a call that asks for progress notifications ({@code _meta.progressToken}) needs the SDK's
 * exchange, and a result without structured content from a tool with an output schema becomes the SDK's error.
 * Arguments are checked by the tools themselves either way (the server's JSON schema validator accepts everything,
 * {@link DsqlMcpServer}).
 * <p>
 * tools/list is answered here too, from the list rendered once when every tool is registered ({@link #listComplete}):
 * the SDK's handler lists the registered tools in order (no pagination, and this server sets no tool filter), and its
 * answer went through Jackson's data binding, whose first use on a fresh server cost more than the rest of the
 * request (the list is static: it is rendered once, as the SDK's mapper would, see {@link ToolsListJson}).
 */
public final class DirectToolCalls {
    /** The SDK's text for a tool with an output schema whose result has no structured content. */
    static final String MISSING_STRUCTURED_CONTENT =
            "Response missing structured content which is expected when calling tool with non-empty outputSchema";

    private record Registered(DsqlTool tool, boolean hasOutputSchema) {}

    private final ToolAdapter adapter;
    private final Map<String, Registered> byName = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
    /** The registered definitions, in order, and their tools/list result once rendered (null before, or when it failed). */
    private final List<McpSchema.Tool> listed = new CopyOnWriteArrayList<>();
    private volatile String listResult;

    public DirectToolCalls(ToolAdapter adapter) {
        this.adapter = adapter;
    }

    /** {@code tool} is registered with the server under {@code definition}; calls to it may be answered here. */
    void register(DsqlTool tool, McpSchema.Tool definition) {
        byName.put(definition.name(), new Registered(tool, definition.outputSchema() != null));
        listed.add(definition);
        listResult = null;
    }

    /**
     * Every tool is registered: renders the tools/list result ({@link ToolsListJson}, or else with {@code mapper}, the one
     * the transport writes the SDK's answers with, asked for only then: making it is tens of milliseconds of a cold
     * start). Until then, and if rendering fails, tools/list is left to the SDK.
     */
    void listComplete(java.util.function.Supplier<McpJsonMapper> mapper) {
        List<McpSchema.Tool> tools = List.copyOf(listed);
        try {
            String streamed = ToolsListJson.render(tools);
            listResult = streamed != null ? streamed : mapper.get().writeValueAsString(new McpSchema.ListToolsResult(tools, null));
        } catch (IOException | RuntimeException e) {
            listResult = null;
        }
    }

    /** The whole JSON-RPC answer to a tools/list request with this {@code id}, or null when the SDK is to answer. */
    String toolsListAnswer(Object id) {
        String result = listResult;
        if (result == null || !(id instanceof String || id instanceof Integer || id instanceof Long)) return null;
        StringWriter w = new StringWriter(result.length() + 48);
        try (JsonGenerator g = PlainJson.generator(w)) {
            ToolCallAnswers.writeResultHead(g, McpSchema.JSONRPC_VERSION, id);
            g.writeRawValue(result);
            g.writeEndObject();
        }
        return w.toString();
    }

    /** How many calls were answered here (tests). */
    long answered() {
        return answered.get();
    }

    /** The call's result, or null when the SDK must take the call (see the class comment); nothing has run then. */
    McpSchema.CallToolResult call(Object params) {
        McpSchema.CallToolRequest request = ToolCallMapper.callToolRequest(params);
        if (request == null || (request.meta() != null && request.meta().get("progressToken") != null)) return null;
        Registered r = byName.get(request.name());
        if (r == null) return null;
        answered.incrementAndGet();
        McpSchema.CallToolResult result = adapter.invoke(r.tool(), null, request);
        if (r.hasOutputSchema() && !Boolean.TRUE.equals(result.isError()) && result.structuredContent() == null) {
            return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(MISSING_STRUCTURED_CONTENT)))
                    .isError(true).build();
        }
        return result;
    }
}
