package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.mcp.tools.ToolResults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/** How each SQL value reaches the agent: the same JSON value in structuredContent and in the text rows. */
class ValueRenderingTest {
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));

    @ParameterizedTest(name = "{0} renders as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            1::int4                                      | 1
            9007199254740993::int8                       | "9007199254740993"
            12.5::numeric                                | 12.5
            1234567890.1234567891::numeric               | "1234567890.1234567891"
            'NaN'::float8                                | "NaN"
            true                                         | true
            '\\x0102'::bytea                             | "AQI="
            '{"a":[1,2]}'::jsonb                         | {"a":[1,2]}
            '00000000-0000-0000-0000-000000000001'::uuid | "00000000-0000-0000-0000-000000000001"
            '2026-01-02T03:04:05Z'::timestamptz          | "2026-01-02T03:04:05Z"
            'infinity'::date                             | "infinity"
            '-infinity'::timestamptz                     | "-infinity"
            'infinity'::timestamp                        | "infinity"
            '2026-01-02 03:04:05.5'::timestamp           | "2026-01-02T03:04:05.500"
            '<a x="1">text</a>'::xml                     | "<a x=\\"1\\">text</a>"
            '1 day 2 hours 3 minutes'::interval          | "P1DT2H3M"
            '1 year 2 months'::interval                  | "P1Y2M"
            '0'::interval                                | "PT0S"
            '-1 day +02:00:00'::interval                 | "P-1DT2H"
            '-90 minutes'::interval                      | "PT-1H-30M"
            '1.5 seconds'::interval                      | "PT1.5S"
            '3 days 0.000001 seconds'::interval          | "P3DT0.000001S"
            ARRAY['1 day', '1 hour']::interval[]         | ["P1D","PT1H"]
            ARRAY['x','y']                               | ["x","y"]
            """)
    void aValueRendersAsJsonInBothForms(String sqlValue, String json) {
        McpSchema.CallToolResult r = call(RO, "query", Map.of("sql", "SELECT " + sqlValue + " AS v"));
        assertThat(r.isError()).as(r.toString()).isFalse();
        @SuppressWarnings("unchecked")
        Object v = ((List<Map<String, Object>>) structured(r).get("rows")).get(0).get("v");
        assertThat(ToolResults.json(v)).isEqualTo(json);
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(text).contains("\n[" + json + "]\n");
    }
}
