package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.TestDatabase;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/** schema_plan / schema_apply are thin adapters: wiring, the write gate, confirmation of destructive steps, result shapes. */
class SchemaToolsTest {
    static final ToolAdapter RW = TestDatabase.adapter(ServerSettings.defaults(true));
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));

    @Test
    @SuppressWarnings("unchecked")
    void planApplyAndConfirm() throws Exception {
        String s = SharedDsqlLocal.uniqueName("mcp_schema");
        String desired = "CREATE SCHEMA " + s + ";\nCREATE TABLE " + s + ".t (id bigint PRIMARY KEY, v text);\n"
                + "CREATE INDEX t_v_idx ON " + s + ".t (v);\n";
        Map<String, Object> plan = structured(call(RO, "schema_plan", Map.of("desired_sql", desired)));
        assertThat((List<Map<String, Object>>) plan.get("steps")).extracting(m -> m.get("runs"))
                .containsExactly("ddl", "ddl", "async");

        McpSchema.CallToolResult refused = call(RO, "schema_apply", Map.of("desired_sql", desired));
        assertThat(refused.isError()).isTrue();
        assertThat(structured(call(RW, "schema_apply", Map.of("desired_sql", desired))).get("steps_applied")).isEqualTo(3);
        assertThat((List<?>) structured(call(RO, "schema_plan", Map.of("desired_sql", desired))).get("steps")).isEmpty();

        String empty = "CREATE SCHEMA " + s + ";";
        McpSchema.CallToolResult unconfirmed = call(RW, "schema_apply", Map.of("desired_sql", empty));
        assertThat(unconfirmed.isError()).isTrue();
        assertThat(structured(call(RW, "schema_apply", Map.of("desired_sql", empty, "confirm_destructive", true)))
                .get("steps_applied")).isEqualTo(1);
        TestDatabase.admin("DROP SCHEMA " + s);

        assertThat(call(RO, "schema_plan", Map.of("desired_sql", "DELETE FROM x;")).isError()).isTrue();
    }
}
