package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.DsqlMcpServer;
import io.dsqlkit.mcp.server.HttpServer;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end with a real MCP client from npm (@modelcontextprotocol/sdk, pinned in e2e/mcp), over
 * stdio (the server as a child process) and streamable HTTP. Skipped only when {@code node} is not
 * installed; installs e2e/mcp/node_modules with {@code npm ci} when missing.
 */
class NodeEndToEndTest {
    static final Path E2E = Path.of("..", "e2e", "mcp").toAbsolutePath().normalize();

    @BeforeAll
    static void nodeAndClient() throws Exception {
        assumeTrue(run(List.of("node", "--version"), E2E.getParent(), 30).exitCode == 0, "node is not installed");
        if (!Files.isDirectory(E2E.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), E2E, 300);
            assertThat(npm.exitCode).as("npm ci in " + E2E + ":\n" + npm.output).isZero();
        }
    }

    @Test
    void stdio() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "e2e.mjs", "stdio", "--"));
        cmd.addAll(McpServerProcess.command("--url", McpServerProcess.url(SharedDsqlLocal.get()), "--allow-writes"));
        Result r = run(cmd, E2E, 180);
        assertThat(r.output).as(r.output).contains("\"ok\":true");
        assertThat(r.exitCode).isZero();
    }

    @Test
    void streamableHttp() throws Exception {
        DsqlMcpServer server = new DsqlMcpServer(TestDatabase.database(), ServerSettings.defaults(true));
        try (HttpServer http = HttpServer.start(server, "127.0.0.1", 0, "e2e-token")) {
            Result r = run(List.of("node", "e2e.mjs", "http", "http://127.0.0.1:" + http.port() + "/mcp", "e2e-token"), E2E, 180);
            assertThat(r.output).as(r.output).contains("\"ok\":true");
            assertThat(r.exitCode).isZero();
        }
    }

    record Result(int exitCode, String output) {}

    static Result run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
