package io.dsqlkit.cli.mcp;

import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted client pipes all of its requests and closes stdin at once
 * ({@code printf '...' | dsqlkit mcp}): every request must still be answered before the server exits.
 */
class StdioScriptedClientTest {
    @Test
    void answersEveryRequestSentBeforeStdinClosed() throws Exception {
        String table = SharedDsqlLocal.uniqueName("scripted");
        String script = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"dsql_lint\",\"arguments\":{\"sql\":\"TRUNCATE t\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"execute\",\"arguments\":{\"sql\":\"CREATE TABLE " + table + " (id int PRIMARY KEY)\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT 42 AS answer\"}}}",
                "") ;
        Process p = new ProcessBuilder(McpServerProcess.command("--url", McpServerProcess.url(SharedDsqlLocal.get()),
                "--allow-writes")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        for (String id : List.of("\"id\":1,", "\"id\":2,", "\"id\":3,", "\"id\":4,")) {
            assertThat(out).as("answer with " + id + " in:\n" + out).contains(id);
        }
        assertThat(out).contains("unsupported statement: Truncate").contains("42");
    }
}
