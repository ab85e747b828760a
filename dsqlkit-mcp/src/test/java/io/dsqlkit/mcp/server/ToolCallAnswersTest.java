package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming writer writes exactly the SDK mapper's bytes for a tool call's answer, or leaves it to the mapper. */
class ToolCallAnswersTest {
    private static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();

    @Property(tries = 1000)
    void answersAreTheSdkMappersBytes(@ForAll("ids") Object id, @ForAll("texts") List<String> texts, @ForAll("maps") Map<String, Object> structured,
                                      @ForAll boolean isError, @ForAll boolean withStructured) throws Exception {
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().isError(isError);
        for (String t : texts) b.addTextContent(t);
        if (withStructured) b.structuredContent(structured);
        McpSchema.JSONRPCResponse response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, b.build(), null);
        String fast = ToolCallAnswers.json(response);
        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(MAPPER.writeValueAsString(response));
    }

    @Test
    void everyKindOfValueDsqlkitReturnsIsWrittenTheSame() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "é\u0000\u001f\u2028\ud83d\ude00 \"q\" \\ / </script>");
        m.put("i", Integer.MIN_VALUE);
        m.put("l", Long.MAX_VALUE);
        m.put("sh", (short) -3);
        m.put("by", (byte) 7);
        m.put("d", 0.1 + 0.2);
        m.put("dn", Double.NaN);
        m.put("dinf", Double.NEGATIVE_INFINITY);
        m.put("f", 1.1f);
        m.put("bd", new BigDecimal("1E+3"));
        m.put("bd2", new BigDecimal("123456789012345678901234567890.000100"));
        m.put("bi", new BigInteger("-123456789012345678901234567890"));
        m.put("b", true);
        m.put("n", null);
        m.put("list", Arrays.asList(1, null, List.of(), Map.of()));
        m.put("rows", List.of(Map.of("a", 1)));
        McpSchema.CallToolResult r = McpSchema.CallToolResult.builder().structuredContent(m).addTextContent("t").isError(false).build();
        McpSchema.JSONRPCResponse response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 3, r, null);
        assertThat(ToolCallAnswers.json(response)).isEqualTo(MAPPER.writeValueAsString(response));
    }

    @Test
    void otherMessagesAreLeftToTheMapper() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("when", java.time.Instant.EPOCH);
        List<McpSchema.JSONRPCMessage> others = List.of(
                new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, new McpSchema.ListToolsResult(List.of(), null), null),
                new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, null,
                        new McpSchema.JSONRPCResponse.JSONRPCError(-32603, "x", null)),
                new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1,
                        McpSchema.CallToolResult.builder().structuredContent(odd).addTextContent("t").isError(false).build(), null),
                new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1,
                        McpSchema.CallToolResult.builder().addContent(new McpSchema.ImageContent(null, "AAAA", "image/png")).isError(false).build(), null),
                new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1,
                        McpSchema.CallToolResult.builder().addTextContent("t").isError(false).meta(Map.of("k", 1)).build(), null),
                new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/message", Map.of()));
        for (McpSchema.JSONRPCMessage m : others) assertThat(ToolCallAnswers.json(m)).as(m.toString()).isNull();
    }

    @Provide
    Arbitrary<Object> ids() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.longs(), Arbitraries.strings().all().ofMaxLength(6));
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.strings().all().ofMaxLength(30).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, Object>> maps() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(10), Arbitraries.integers(), Arbitraries.longs(),
                Arbitraries.doubles(), Arbitraries.floats(), Arbitraries.bigDecimals(), Arbitraries.bigIntegers(),
                Arbitraries.of(true, false), Arbitraries.just(null), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0));
        Arbitrary<Object> value = Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(5), inner).ofMaxSize(3).map(m -> (Object) new LinkedHashMap<>(m))), 0, 3);
        return Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(8), value).ofMaxSize(5).map(LinkedHashMap::new);
    }
}
