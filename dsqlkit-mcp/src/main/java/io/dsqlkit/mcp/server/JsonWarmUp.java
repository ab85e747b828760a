package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Builds Jackson's (de)serializers for the {@code initialize} exchange on a background thread while the
 * main thread parses options and assembles the server. On a cold JVM that introspection is the largest
 * part of answering {@code initialize}; Jackson caches what it builds, so the real exchange finds it ready
 * (or, if it gets there first, builds it itself: the warm-up only ever saves time). Nothing is written.
 * It starts with the class initialization the early initialize answer ({@link InitializeAnswer}) needs.
 */
public final class JsonWarmUp {
    private static final String SAMPLE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{\"roots\":{\"listChanged\":true}},\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"1\"}}}";

    private JsonWarmUp() {}

    /** Starts the warm-up (a daemon thread; failures are ignored: the real exchange reports its own). */
    public static void start() {
        Thread t = new Thread(JsonWarmUp::run, "dsqlkit-mcp-json-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            InitializeAnswer.prepare();
            McpJsonMapper mapper = McpJsonDefaults.getMapper();
            McpSchema.JSONRPCMessage message = JsonRpcRequests.read(SAMPLE); // as StdioTransport reads it
            if (message instanceof McpSchema.JSONRPCRequest request) {
                mapper.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() { });
            }
            McpSchema.InitializeResult result = new McpSchema.InitializeResult("2025-06-18", DsqlMcpServer.capabilities(),
                    new McpSchema.Implementation(DsqlMcpServer.NAME, DsqlMcpServer.VERSION), "warm-up");
            mapper.writeValueAsString(new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 0, result, null));
        } catch (Exception | LinkageError e) {
            // only a head start: the real initialize builds whatever is missing
        }
    }
}
