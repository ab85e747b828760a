package io.dsqlkit.cli.mcp;

import io.dsqlkit.testkit.NodeE2e;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with a real MCP client from npm (@modelcontextprotocol/sdk, pinned in e2e/mcp) over stdio:
 * {@code dsqlkit mcp} runs as a child process. Skipped only when {@code node} is not installed.
 */
class NodeStdioEndToEndTest {
    @BeforeAll
    static void nodeAndClient() throws Exception {
        NodeE2e.nodeAndClient();
    }

    @Test
    void stdio() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "e2e.mjs", "stdio", "--"));
        cmd.addAll(McpServerProcess.command("--url", McpServerProcess.url(SharedDsqlLocal.get()), "--allow-writes"));
        NodeE2e.Result r = NodeE2e.run(cmd, NodeE2e.E2E, 180);
        assertThat(r.output()).as(r.output()).contains("\"ok\":true");
        assertThat(r.exitCode()).isZero();
    }
}
