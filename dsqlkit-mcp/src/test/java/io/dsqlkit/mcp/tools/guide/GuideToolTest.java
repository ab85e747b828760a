package io.dsqlkit.mcp.tools.guide;

import io.dsqlkit.mcp.tools.ToolContext;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** dsql_guide answers with the page a topic or question is about, and says so when it has none. */
class GuideToolTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ask(String topic) {
        McpSchema.CallToolResult r = new GuideTool().call(new ToolContext(null, null, null, null, null), Map.of("topic", topic));
        return (Map<String, Object>) r.structuredContent();
    }

    @ParameterizedTest(name = "''{0}'' finds the {1} page (*: a page that mentions it)")
    @CsvSource(delimiter = '|', textBlock = """
            constraints           | constraints
            Migrations            | migrations
            multi tenant          | multi-tenant
            multi                 | multi-tenant
            foreign keys          | referential-integrity
            async index           | *
            OC000                 | *
            IAM token             | connections
            optimistic concurrency | transactions
            """)
    void aKnownTopicOrQuestionFindsItsPage(String topic, String page) {
        Map<String, Object> s = ask(topic);
        assertThat(s.get("found")).isEqualTo(true);
        if (!page.equals("*")) assertThat(s.get("topic")).isEqualTo(page);
        assertThat(s.get("markdown")).asString().isNotBlank();
    }

    @ParameterizedTest(name = "''{0}'' is not found, and the known topics are listed")
    @ValueSource(strings = {"xyzzy", "t", "how to bake a cake", "kubernetes deployment", "weather forecast for tomorrow",
            "the", "quantum chromodynamics", "a b c"})
    void anUnknownTopicIsNotFoundAndListsTheTopics(String topic) {
        Map<String, Object> s = ask(topic);
        assertThat(s.get("found")).as(String.valueOf(s.get("topic"))).isEqualTo(false);
        assertThat(s.get("topics").toString()).contains("constraints", "migrations", "multi-tenant", "tools");
        assertThat(s).doesNotContainKey("markdown");
    }
}
