package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.TestDatabase;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpSyncServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The early initialize answer against the MCP SDK's own answer to the same request, from the same server. */
class InitializeAnswerTest {
    private static final ServerSettings SETTINGS = ServerSettings.defaults(false);
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() { };

    private static String request(String id, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":" + params + "}";
    }

    private static final String PLAIN = "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}";

    /** The SDK's answer: a server started without the early answer, sent this one line. */
    private static String sdkAnswer(String line) throws Exception {
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        StdioTransport transport = new StdioTransport(McpJsonDefaults.getMapper(), Channels.newInputStream(toServer.source()),
                Channels.newOutputStream(fromServer.sink()), () -> { });
        McpSyncServer mcp = new DsqlMcpServer(TestDatabase.database(), SETTINGS).start(transport);
        try (OutputStream client = Channels.newOutputStream(toServer.sink());
             BufferedReader answers = new BufferedReader(new InputStreamReader(Channels.newInputStream(fromServer.source()), StandardCharsets.UTF_8))) {
            client.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            client.flush();
            return answers.readLine();
        } finally {
            mcp.closeGracefully();
        }
    }

    private static Optional<InitializeAnswer.Early> earlyAnswer(String line) {
        StdioTransport transport = new StdioTransport(McpJsonDefaults.getMapper(), java.io.InputStream.nullInputStream(),
                OutputStream.nullOutputStream(), () -> { });
        return new DsqlMcpServer(TestDatabase.database(), SETTINGS).initializeAnswer(transport).orElseThrow().answer(line);
    }

    private static Map<String, Object> json(String line) {
        return McpJsonDefaults.getMapper().convertValue(read(line), MAP);
    }

    private static Object read(String line) {
        try {
            return McpJsonDefaults.getMapper().readValue(line, Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whatever gets an early answer gets the SDK's answer, the same JSON. */
    private static boolean sameAsTheSdk(String line) throws Exception {
        Optional<InitializeAnswer.Early> early = earlyAnswer(line);
        if (early.isEmpty()) return false;
        String sdk = sdkAnswer(line);
        assertThat(json(sdk)).as(line).containsKey("result");
        assertThat(json(early.get().json())).as(line).isEqualTo(json(sdk));
        return true;
    }

    @Test
    void aClientsFirstRequestIsAnsweredByteForByteAsTheSdkWould() throws Exception {
        String line = request("1", PLAIN);
        assertThat(earlyAnswer(line).orElseThrow().json()).isEqualTo(sdkAnswer(line));
        assertThat(earlyAnswer(line).orElseThrow().id()).isEqualTo(1L);
    }

    @Test
    void requestsOfTheShapeClientsSendAreAnsweredEarlyWithTheSdksAnswer() throws Exception {
        List<String> lines = List.of(
                request("1", PLAIN),
                request("\"init-\\u00e9\\\"x\"", PLAIN),
                request("9007199254740993", PLAIN),
                request("0", "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"roots\":{\"listChanged\":true},\"sampling\":{}},"
                        + "\"clientInfo\":{\"name\":\"claude-ai\",\"version\":\"0.1.0\"}}"),
                request("2", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{\"form\":{}},\"experimental\":{\"x\":{\"a\":1}}},"
                        + "\"clientInfo\":{\"name\":\"n\",\"title\":\"T\",\"version\":\"1\",\"description\":\"d\",\"websiteUrl\":\"https://x\"},\"_meta\":{}}"),
                request("3", "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}"),
                request("4", "{\"protocolVersion\":\"2025-03-26\"}"),
                "{\"method\":\"initialize\",\"params\":" + PLAIN + ",\"id\":5,\"jsonrpc\":\"2.0\"}");
        for (String line : lines) assertThat(sameAsTheSdk(line)).as(line).isTrue();
    }

    @Test
    void anythingElseIsLeftToTheSdk() {
        List<String> lines = List.of(
                "{not json", "", "[]", "1", request("1", PLAIN) + " {}",
                request("null", PLAIN), request("1.5", PLAIN), request("{}", PLAIN), request("123456789012345678901234567890", PLAIN),
                "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\",\"params\":" + PLAIN + "}",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"initialize\",\"params\":" + PLAIN + "}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":" + PLAIN + "}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"initialize\",\"params\":" + PLAIN + "}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":" + PLAIN + ",\"extra\":1}",
                request("1", "[]"), request("1", "null"), request("1", "{}"),
                request("1", "{\"protocolVersion\":7,\"capabilities\":{}}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":[]}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":{\"listChanged\":\"yes\"}}}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"sampling\":true}}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"future\":{}}}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":1}}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":\"n\",\"icons\":[]}}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"protocolVersion\":\"2024-11-05\"}"),
                request("1", "{\"protocolVersion\":\"2025-06-18\",\"other\":{}}"));
        for (String line : lines) assertThat(earlyAnswer(line)).as(line).isEmpty();
    }

    @Property(tries = 60)
    void everyEarlyAnswerIsTheSdksAnswer(@ForAll("requests") String line) throws Exception {
        boolean early = sameAsTheSdk(line);
        Statistics.label("answered early").collect(early);
        Statistics.label("answered early").coverage(c -> c.check(true).percentage(p -> p >= 20));
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> id = mostly(Arbitraries.of("1", "0", "-7", "\"a\"", "\"\"", "2147483648"), Arbitraries.of("null", "1.0", "[]"));
        Arbitrary<String> version = mostly(Arbitraries.of("\"2024-11-05\"", "\"2025-03-26\"", "\"2025-06-18\"", "\"2025-11-25\"",
                "\"2099-01-01\"", "\"\""), Arbitraries.of("1", "null"));
        Arbitrary<String> capabilities = mostly(Arbitraries.of("{}", "{\"roots\":{\"listChanged\":false}}", "{\"roots\":{}}",
                "{\"sampling\":{}}", "{\"elicitation\":{}}", "{\"experimental\":{}}"),
                Arbitraries.of("{\"roots\":{\"listChanged\":1}}", "[]", "{\"x\":{}}"));
        Arbitrary<String> clientInfo = mostly(Arbitraries.of("{\"name\":\"c\",\"version\":\"1\"}", "{\"name\":\"c\"}", "{}",
                "{\"name\":\"c\",\"version\":\"1\",\"title\":\"T\"}"), Arbitraries.of("{\"name\":\"c\",\"version\":2}", "\"c\""));
        return Combinators.combine(id, version, capabilities, clientInfo)
                .as((i, v, c, ci) -> request(i, "{\"protocolVersion\":" + v + ",\"capabilities\":" + c + ",\"clientInfo\":" + ci + "}"));
    }

    /** Values of the plain shape most of the time, so most tries compare two answers. */
    private static Arbitrary<String> mostly(Arbitrary<String> plain, Arbitrary<String> odd) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(7, plain), net.jqwik.api.Tuple.of(1, odd));
    }
}
