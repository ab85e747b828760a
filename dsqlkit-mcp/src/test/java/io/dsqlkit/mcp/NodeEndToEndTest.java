package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.DsqlMcpServer;
import io.dsqlkit.mcp.server.HttpServer;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.testkit.NodeE2e;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with a real MCP client from npm (@modelcontextprotocol/sdk, pinned in e2e/mcp), over
 * streamable HTTP (stdio, through the {@code dsqlkit mcp} command, is tested in dsqlkit-cli). Skipped
 * only when {@code node} is not installed; installs e2e/mcp/node_modules with {@code npm ci} when missing.
 */
class NodeEndToEndTest {
    @BeforeAll
    static void nodeAndClient() throws Exception {
        NodeE2e.nodeAndClient();
    }

    @Test
    void streamableHttp() throws Exception {
        DsqlMcpServer server = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(true));
        try (HttpServer http = HttpServer.start(server, "127.0.0.1", 0, "e2e-token")) {
            NodeE2e.Result r = NodeE2e.run(List.of("node", "e2e.mjs", "http", "http://127.0.0.1:" + http.port() + "/mcp", "e2e-token"),
                    NodeE2e.E2E, 180);
            assertThat(r.output()).as(r.output()).contains("\"ok\":true");
            assertThat(r.exitCode()).isZero();
        }
    }
}
