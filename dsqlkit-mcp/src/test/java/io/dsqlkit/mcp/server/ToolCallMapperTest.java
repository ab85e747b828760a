package io.dsqlkit.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's mapper converts tool-call params without data binding, to what the SDK's mapper gives; the rest is the SDK's. */
class ToolCallMapperTest {
    private static final TypeRef<McpSchema.CallToolRequest> CALL = new TypeRef<>() { };

    @Test
    void toolCallParamsAreConvertedAsTheSdkConvertsThem() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("sql", "SELECT $1");
        args.put("parameters", List.of(1, "a", 2.5));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", "query");
        params.put("arguments", args);
        params.put("_meta", Map.of("progressToken", "t"));
        McpSchema.CallToolRequest fast = ToolCallMapper.INSTANCE.convertValue(params, CALL);
        assertThat(fast).isEqualTo(McpJsonDefaults.getMapper().convertValue(params, CALL));
        assertThat(fast.arguments()).isSameAs(args); // not converted: the request's own map
    }

    @Test
    void otherShapesAndTypesGoToTheSdksMapper() throws Exception {
        Map<String, Object> odd = Map.of("name", "query", "arguments", Map.of(), "task", Map.of());
        assertThat(ToolCallMapper.INSTANCE.convertValue(odd, CALL)).isEqualTo(McpJsonDefaults.getMapper().convertValue(odd, CALL));
        Map<String, Object> init = Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "c", "version", "1"));
        assertThat(ToolCallMapper.INSTANCE.convertValue(init, new TypeRef<McpSchema.InitializeRequest>() { }).clientInfo().name()).isEqualTo("c");
        assertThat(ToolCallMapper.INSTANCE.writeValueAsString(Map.of("a", 1))).isEqualTo("{\"a\":1}");
    }
}
