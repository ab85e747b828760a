package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming reader builds exactly what the SDK's reader builds, or leaves the line to the SDK. */
class JsonRpcRequestsTest {
    private static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT 1\"}}}",
            "{\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT $1\",\"params\":[1,2.5,\"x\",null,true,false,"
                    + "9223372036854775807,9223372036854775808,-2147483649,1e400,-0.0,1E-7,[],{}]},\"_meta\":{\"progressToken\":\"p\"}},"
                    + "\"jsonrpc\":\"2.0\",\"id\":\"abc\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2147483648,\"method\":\"ping\",\"params\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"\\u00e9\\n\\\"\",\"method\":\"x\",\"params\":{\"k\\u0000\":\"\\ud83d\\ude00 \\\\ /\"}}",
            "  {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"a\":{\"b\":{\"c\":[[[1]]]}}}}  ",
    })
    void plainRequestsAreReadAsTheSdkReadsThem(String line) throws Exception {
        McpSchema.JSONRPCRequest fast = JsonRpcRequests.read(line);
        assertThat(fast).as("plain shape").isNotNull();
        assertThat(fast).isEqualTo(McpSchema.deserializeJsonRpcMessage(MAPPER, line));
    }

    /** Notifications: the request's plain shape without an id (read by {@link JsonRpcRequests#readMessage} only). */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"x\"},\"jsonrpc\":\"2.0\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\",\"params\":{}}",
    })
    void plainNotificationsAreReadAsTheSdkReadsThem(String line) throws Exception {
        McpSchema.JSONRPCMessage fast = JsonRpcRequests.readMessage(line);
        assertThat(fast).as("plain shape").isInstanceOf(McpSchema.JSONRPCNotification.class);
        assertThat(fast).isEqualTo(McpSchema.deserializeJsonRpcMessage(MAPPER, line));
        assertThat(JsonRpcRequests.read(line)).as("not a request").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", // a notification (not a request)
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", // a response
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"method\":\"b\"}", // a duplicate member
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"arguments\":{\"sql\":\"SELECT 1\",\"sql\":\"DROP TABLE t\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"extra\":1}", // an unknown member
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"a\"}", "{\"jsonrpc\":\"2.0\",\"id\":9223372036854775808,\"method\":\"a\"}", "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"a\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":[1]}", "{\"jsonrpc\":2,\"id\":1,\"method\":\"a\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"} {}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"", "[]", "", "nul",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":{\"x\":NaN}}",
    })
    void anythingElseIsLeftToTheSdk(String line) {
        assertThat(JsonRpcRequests.read(line)).isNull();
        if (!line.contains("\"notifications/")) assertThat(JsonRpcRequests.readMessage(line)).isNull();
    }

    @Property(tries = 1000)
    void generatedRequestsAreReadAsTheSdkReadsThemOrLeftToIt(@ForAll("lines") String line) throws Exception {
        McpSchema.JSONRPCRequest fast = JsonRpcRequests.read(line);
        Statistics.label("read here").collect(fast != null);
        Statistics.label("read here").coverage(c -> c.check(true).percentage(p -> p >= 30));
        McpSchema.JSONRPCMessage message = JsonRpcRequests.readMessage(line);
        if (message instanceof McpSchema.JSONRPCNotification) {
            assertThat(message).as(line).isEqualTo(McpSchema.deserializeJsonRpcMessage(MAPPER, line));
        } else {
            assertThat(message).as("a request is read alike by both").isEqualTo(fast);
        }
        if (fast == null) return;
        assertThat(fast).as(line).isEqualTo(McpSchema.deserializeJsonRpcMessage(MAPPER, line));
    }

    @Property(tries = 1000)
    void toolCallParamsBecomeTheRequestTheSdkConvertsThemTo(@ForAll("toolCallParams") String params) throws Exception {
        McpSchema.JSONRPCRequest request = JsonRpcRequests.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + params + "}");
        if (request == null) return;
        McpSchema.CallToolRequest fast = ToolCallMapper.callToolRequest(request.params());
        Statistics.label("built here").collect(fast != null);
        Statistics.label("built here").coverage(c -> c.check(true).percentage(p -> p >= 40));
        if (fast == null) return;
        assertThat(fast).isEqualTo(MAPPER.convertValue(request.params(), new TypeRef<McpSchema.CallToolRequest>() { }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"query\",\"arguments\":{\"sql\":\"SELECT 1\",\"params\":[1,\"a\",2.5,null,{\"k\":[]}]}}",
            "{\"name\":\"q\"}", "{\"name\":\"q\",\"_meta\":{\"progressToken\":7},\"arguments\":{}}", "{\"name\":\"q\",\"arguments\":null}"})
    void plainToolCallParams(String params) throws Exception {
        Object map = JsonRpcRequests.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + params + "}").params();
        McpSchema.CallToolRequest fast = ToolCallMapper.callToolRequest(map);
        assertThat(fast).isNotNull().isEqualTo(MAPPER.convertValue(map, new TypeRef<McpSchema.CallToolRequest>() { }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":1}", "{\"name\":null}", "{\"name\":\"q\",\"arguments\":[1]}", "{\"name\":\"q\",\"arguments\":\"{}\"}",
            "{\"name\":\"q\",\"other\":1}", "{\"name\":\"q\",\"_meta\":5}"})
    void otherToolCallParamsAreLeftToTheSdk(String params) {
        Object map = JsonRpcRequests.read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + params + "}").params();
        assertThat(ToolCallMapper.callToolRequest(map)).isNull();
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf), Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-99999999999999999999"), new java.math.BigInteger("99999999999999999999"))
                        .map(String::valueOf),
                strings(), Arbitraries.of("null", "1.0", "[]", "{}", "true"));
        Arbitrary<String> value = Arbitraries.recursive(this::scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                members(inner).map(m -> "{" + m + "}")), 0, 3);
        Arbitrary<String> params = Arbitraries.oneOf(members(value).map(m -> "{" + m + "}"), value);
        Arbitrary<List<String>> topMembers = Arbitraries.oneOf(
                Arbitraries.just("\"jsonrpc\":\"2.0\""), Arbitraries.just("\"jsonrpc\":\"1.0\""),
                Arbitraries.of("tools/call", "tools/list", "ping", "resources/read").map(m -> "\"method\":\"" + m + "\""),
                id.map(i -> "\"id\":" + i), params.map(p -> "\"params\":" + p), Arbitraries.just("\"extra\":0"))
                .list().ofMinSize(2).ofMaxSize(5);
        Arbitrary<String> plain = Arbitraries.of("tools/call", "tools/list").flatMap(method -> id.flatMap(i -> params.map(p ->
                "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"" + method + "\",\"params\":" + p + "}")));
        return Arbitraries.oneOf(plain, plain, topMembers.map(m -> "{" + String.join(",", m) + "}"));
    }

    @Provide
    Arbitrary<String> toolCallParams() {
        Arbitrary<String> value = Arbitraries.recursive(this::scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                members(inner).map(m -> "{" + m + "}")), 0, 3);
        Arbitrary<String> object = members(value).map(m -> "{" + m + "}");
        Arbitrary<String> member = Arbitraries.oneOf(strings().map(n -> "\"name\":" + n), object.map(a -> "\"arguments\":" + a),
                object.map(a -> "\"_meta\":" + a), value.map(v -> "\"arguments\":" + v), Arbitraries.just("\"task\":{}"));
        return Arbitraries.oneOf(
                Combinators.combine(strings(), object, object, Arbitraries.integers().between(0, 3))
                        .as((n, a, m, shape) -> "{\"name\":" + n + (shape % 2 == 0 ? ",\"arguments\":" + a : "") + (shape >= 2 ? ",\"_meta\":" + m : "") + "}"),
                member.list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}"));
    }

    private Arbitrary<String> members(Arbitrary<String> value) {
        return Arbitraries.oneOf(Arbitraries.of("sql", "params", "name", "arguments", "_meta", "a", "b"), strings())
                .flatMap(k -> value.map(v -> k.startsWith("\"") ? k + ":" + v : "\"" + k + "\":" + v))
                .list().ofMaxSize(4).map(l -> String.join(",", l));
    }

    private Arbitrary<String> scalar() {
        return Arbitraries.oneOf(strings(), Arbitraries.integers().map(String::valueOf), Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("N") && !d.contains("I")),
                Arbitraries.of("0", "-0", "1e3", "1E+400", "-1.5e-7", "12345678901234567890123", "0.1", "true", "false", "null"));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.strings().all().ofMaxLength(8).map(JsonRpcRequestsTest::quoted).injectDuplicates(0.1);
    }

    private static String quoted(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
