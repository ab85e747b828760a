package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.TestDatabase;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/** The migration tools are thin adapters; these check the wiring, the write gate and the result shapes. */
class MigrateToolsTest {
    static final ToolAdapter RW = TestDatabase.adapter(ServerSettings.defaults(true));
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void planApplyStatus() throws Exception {
        String t = SharedDsqlLocal.uniqueName("mcp_mig");
        String h = SharedDsqlLocal.uniqueName("mcp_hist");
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\nINSERT INTO " + t + " VALUES (1);\n");
        Map<String, Object> args = Map.of("location", dir.toString(), "history_table", h);

        Map<String, Object> plan = structured(call(RO, "migrate_plan", args));
        assertThat(plan.get("runnable")).isEqualTo(true);
        List<Map<String, Object>> pending = (List<Map<String, Object>>) plan.get("pending");
        assertThat((List<?>) pending.get(0).get("steps")).hasSize(2);

        McpSchema.CallToolResult refused = call(RO, "migrate_apply", args);
        assertThat(refused.isError()).isTrue();

        Map<String, Object> applied = structured(call(RW, "migrate_apply", args));
        assertThat(applied.get("statements_run")).isEqualTo(2);

        Map<String, Object> status = structured(call(RO, "migrate_status", args));
        assertThat((List<Map<String, Object>>) status.get("migrations")).singleElement()
                .satisfies(m -> assertThat(m.get("state")).isEqualTo("APPLIED"));
    }

    @Test
    void anEmptyOrMistypedLocationIsRefusedNotReportedUpToDate() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path misnamed = Files.createDirectory(dir.resolve("misnamed"));
        Files.writeString(misnamed.resolve("1_create.sql"), "CREATE TABLE x (id int PRIMARY KEY);");
        record Case(Path location, String says) {}
        for (Case c : List.of(new Case(empty, "no migrations in " + empty), new Case(dir.resolve("db/migratoin"), "does not exist"),
                new Case(misnamed, "1_create.sql"))) {
            for (String tool : List.of("migrate_plan", "migrate_apply", "migrate_status")) {
                McpSchema.CallToolResult r = call(RW, tool, Map.of("location", c.location().toString(), "history_table",
                        SharedDsqlLocal.uniqueName("mcp_hist")));
                assertThat(r.isError()).as(tool + " " + c).isTrue();
                assertThat(structured(r).get("error")).as(tool + " " + c).asString().contains(c.says()).doesNotContain("up to date");
                assertThat(structured(r).get("argument")).isEqualTo("location");
            }
        }
    }

    @Test
    void batchExecuteAndCheckReferences() throws Exception {
        String t = SharedDsqlLocal.uniqueName("mcp_batch");
        TestDatabase.admin("CREATE TABLE " + t + " (id bigint PRIMARY KEY, parent bigint, v int)",
                "INSERT INTO " + t + " SELECT i, CASE WHEN i = 5 THEN 99999 ELSE 1 END, 0 FROM generate_series(1, 2500) i");
        Map<String, Object> dry = structured(call(RO, "batch_execute", Map.of("table", t, "set", "v = 1", "dry_run", true,
                "chunk_size", 1000)));
        assertThat(dry.get("rows")).isEqualTo(2500L);
        assertThat(dry.get("chunks")).isEqualTo(3L);
        assertThat(call(RO, "batch_execute", Map.of("table", t, "set", "v = 1")).isError()).isTrue();
        Map<String, Object> done = structured(call(RW, "batch_execute", Map.of("table", t, "set", "v = 1", "chunk_size", 1000)));
        assertThat(done.get("rows_total")).isEqualTo(2500L);

        Map<String, Object> refs = structured(call(RO, "check_references", Map.of("child", t, "columns", List.of("parent"),
                "parent", t, "parent_columns", List.of("id"), "table", t)));
        assertThat(refs.get("orphans_total")).isEqualTo(1L);
    }
}
