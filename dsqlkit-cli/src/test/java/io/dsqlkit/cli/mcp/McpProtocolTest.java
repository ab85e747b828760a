package io.dsqlkit.cli.mcp;

import io.dsqlkit.mcp.server.DsqlMcpServer;
import io.dsqlkit.mcp.server.HttpServer;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The server through the MCP Java SDK client: in-process over streamable HTTP, and as a child process over stdio. */
class McpProtocolTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @Test
    void streamableHttpWithBearerTokenAndOriginCheck() throws Exception {
        DsqlMcpServer server = new DsqlMcpServer(McpServerProcess.database(), ServerSettings.defaults(false));
        try (HttpServer http = HttpServer.start(server, "127.0.0.1", 0, "s3cret-token")) {
            String url = "http://127.0.0.1:" + http.port();
            HttpClient raw = HttpClient.newHttpClient();
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url + "/mcp")).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INIT));
            assertThat(raw.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(raw.send(post.copy().header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(raw.send(post.copy().header("Authorization", "Bearer s3cret-token").header("Origin", "https://evil.example").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            assertThat(raw.send(post.copy().header("Authorization", "Bearer s3cret-token").header("Origin", "http://localhost:3000").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(url).endpoint("/mcp")
                    .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer s3cret-token")).build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                McpSchema.InitializeResult init = client.initialize();
                assertThat(init.serverInfo().name()).isEqualTo(DsqlMcpServer.NAME);
                assertThat(init.instructions()).contains("READ-ONLY");
                checkToolsAndCall(client);
            }
        }
    }

    @Test
    void stdioChildProcessAgainstAUrl() {
        ServerParameters params = ServerParameters.builder(McpServerProcess.java())
                .args(McpServerProcess.command("--url", McpServerProcess.url(SharedDsqlLocal.get())).subList(1,
                        McpServerProcess.command("--url", McpServerProcess.url(SharedDsqlLocal.get())).size()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            checkToolsAndCall(client);
            // a URL endpoint is not local: read-only unless --allow-writes
            McpSchema.CallToolResult w = client.callTool(new McpSchema.CallToolRequest("execute", Map.of("sql", "CREATE TABLE x_never (id int)")));
            assertThat(w.isError()).isTrue();
        }
        assertThat(String.join("\n", stderr)).doesNotContain(SharedDsqlLocal.get().password().isEmpty() ? "\u0000" : SharedDsqlLocal.get().password());
    }

    @Test
    void stdioWithNothingConfiguredRunsTheEmbeddedLocalDsqlWithWritesAllowed() {
        List<String> cmd = McpServerProcess.command();
        ServerParameters params = ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size()))
                .env(Map.of("CLUSTER", "", "REGION", "")).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120)).build()) {
            client.initialize();
            McpSchema.CallToolResult c = client.callTool(new McpSchema.CallToolRequest("execute",
                    Map.of("sql", "CREATE TABLE local_smoke (id int PRIMARY KEY, v text)")));
            assertThat(c.isError()).as(c.toString()).isFalse();
            assertThat(client.callTool(new McpSchema.CallToolRequest("execute",
                    Map.of("sql", "INSERT INTO local_smoke VALUES ($1, $2)", "parameters", List.of(1, "x")))).isError()).isFalse();
            McpSchema.CallToolResult q = client.callTool(new McpSchema.CallToolRequest("query", Map.of("sql", "SELECT v FROM local_smoke")));
            assertThat(q.structuredContent().toString()).contains("rowCount=1");
        }
    }

    private static void checkToolsAndCall(McpSyncClient client) {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).contains("query", "execute", "list_tables", "describe_table",
                "readonly_query", "transact", "get_schema", "dsql_lint", "explain", "list_jobs", "wait_for_job", "dsql_guide");
        McpSchema.Tool query = tools.stream().filter(t -> t.name().equals("query")).findFirst().orElseThrow();
        assertThat(query.annotations().readOnlyHint()).isTrue();
        assertThat(query.inputSchema().get("required")).isEqualTo(List.of("sql"));
        McpSchema.Tool execute = tools.stream().filter(t -> t.name().equals("execute")).findFirst().orElseThrow();
        assertThat(execute.annotations().destructiveHint()).isTrue();
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("query",
                Map.of("sql", "SELECT $1::int + 1 AS answer", "parameters", List.of(41))));
        assertThat(r.isError()).isFalse();
        assertThat(r.structuredContent().toString()).contains("answer=42");
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(text).contains("[\"answer\"]\n[42]").contains("not instructions");
        assertThat(query.outputSchema()).containsKey("anyOf");
        McpSchema.CallToolResult refused = client.callTool(new McpSchema.CallToolRequest("query", Map.of("sql", "COMMIT; DROP TABLE x")));
        assertThat(refused.isError()).isTrue();
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri).contains("dsql://guide/constraints");
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name).contains("safe-migration");
    }
}
