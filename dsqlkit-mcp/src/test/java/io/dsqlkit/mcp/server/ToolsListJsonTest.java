package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolCatalog;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed tools/list result is, byte for byte, what the SDK's mapper writes; what it cannot write is left to it. */
class ToolsListJsonTest {

    @Test
    void theCatalogIsWrittenAsTheSdksMapperWritesIt() throws Exception {
        List<McpSchema.Tool> tools = new ArrayList<>();
        for (DsqlTool t : ToolCatalog.all()) tools.add(t.definition());
        String streamed = ToolsListJson.render(tools);
        assertThat(streamed).isNotNull()
                .isEqualTo(McpJsonDefaults.getMapper().writeValueAsString(new McpSchema.ListToolsResult(tools, null)));
    }

    @Test
    void everyKindOfSchemaValueAndAnnotationIsWrittenAsTheSdkWritesIt() throws Exception {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("n", Map.of("type", "integer", "minimum", 1, "maximum", 9_999_999_999L, "multipleOf", 0.5),
                "s", Map.of("type", "string", "enum", List.of("a", "\u00e9\n\"", "\ud83d\ude00"))));
        schema.put("required", List.of("n"));
        schema.put("additionalProperties", false);
        schema.put("big", new java.math.BigDecimal("12345678901234567890.5"));
        schema.put("default", null); // a null inside a schema map: the mapper writes it
        McpSchema.Tool full = new McpSchema.Tool("t", "T", "d \u0001", schema, Map.of("type", "object"),
                new McpSchema.ToolAnnotations("A", true, false, true, false, true), Map.of("k", List.of(1, "x")));
        McpSchema.Tool bare = new McpSchema.Tool("bare", null, null, Map.of(), null, null, null);
        List<McpSchema.Tool> tools = List.of(full, bare);
        assertThat(ToolsListJson.render(tools))
                .isEqualTo(McpJsonDefaults.getMapper().writeValueAsString(new McpSchema.ListToolsResult(tools, null)));
    }

    @Test
    void whatItDoesNotWriteIsLeftToTheSdksMapper() {
        assertThat(ToolsListJson.render(List.of(new McpSchema.Tool("t", null, null, Map.of("x", new Object()), null, null, null)))).isNull();
        assertThat(ToolsListJson.render(List.of(new McpSchema.Tool("t", null, null, Map.of(), null, null, null,
                List.of(new McpSchema.Icon("https://example.com/i.png", null, null, null)))))).isNull();
    }
}
