package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.TestDatabase;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.migrate.load.LoadManifest;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.admin;
import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/** insert_rows against local DSQL, which enforces DSQL's 3,000-row and 10 MiB per-transaction limits. */
class InsertRowsToolTest {
    static final ToolAdapter RW = TestDatabase.adapter(ServerSettings.defaults(true));
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));
    static final ToolAdapter TENANT_A = TestDatabase.adapter(ServerSettings.defaults(true).withTenant("a"));

    private static List<Object> numbered(int from, int to) {
        List<Object> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) rows.add(List.of(i, "row " + i));
        return rows;
    }

    @Test
    void sevenThousandRowsGoInBatchesUnderTheRowLimitAndAnIdenticalCallInsertsNothingTwice() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_many");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        Map<String, Object> args = Map.of("table", "public." + t, "columns", List.of("id", "v"), "rows", numbered(1, 7000));
        McpSchema.CallToolResult r = call(RW, "insert_rows", args);
        assertThat(r.isError()).as(r.toString()).isFalse();
        Map<String, Object> s = structured(r);
        assertThat(s).containsEntry("rows_done", 7000L).containsEntry("rows_this_call", 7000L).containsEntry("rows_rejected", 0L)
                .containsEntry("complete", true);
        assertThat(count(t)).isEqualTo(7000);
        String loadId = (String) s.get("load_id");
        assertThat(batches(loadId)).isEqualTo(3); // 2,999 + 2,999 + 1,002: each batch plus its manifest row is 3,000 at most

        Map<String, Object> again = structured(call(RW, "insert_rows", args));
        assertThat(again).containsEntry("load_id", loadId).containsEntry("rows_this_call", 0L).containsEntry("rows_already_done", 7000L);
        assertThat(count(t)).isEqualTo(7000);
    }

    @Test
    void aCallInterruptedAfterSomeBatchesResumesWithItsLoadIdAndInsertsOnlyTheMissingRows() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_resume");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        Map<String, Object> args = new LinkedHashMap<>(Map.of("table", t, "columns", List.of("id", "v"), "rows", numbered(1, 6500),
                "load_id", "orders-2026"));
        assertThat(structured(call(RW, "insert_rows", args))).containsEntry("rows_done", 6500L);
        // as if the second batch (rows 3000..5998) had never committed: its rows and its manifest row are gone
        admin("DELETE FROM " + t + " WHERE id BETWEEN 3000 AND 5998",
                "DELETE FROM " + LoadManifest.TABLE + " WHERE load_id = 'orders-2026' AND first_line = 3000");
        Map<String, Object> resumed = structured(call(RW, "insert_rows", args));
        assertThat(resumed).containsEntry("load_id", "orders-2026").containsEntry("rows_this_call", 2999L)
                .containsEntry("rows_already_done", 3501L).containsEntry("rows_done", 6500L);
        assertThat(count(t)).isEqualTo(6500);
    }

    @Test
    void wideRowsAreBatchedUnderTheTenMebibyteLimit() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_wide");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, body text)");
        String body = "x".repeat(8_000);
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) rows.add(Map.of("id", i, "body", body)); // 16 MB: one transaction would fail with 54000
        McpSchema.CallToolResult r = call(RW, "insert_rows", Map.of("table", t, "rows", rows));
        assertThat(r.isError()).as(r.toString()).isFalse();
        assertThat(structured(r)).containsEntry("rows_done", 2000L);
        assertThat(count(t)).isEqualTo(2000);
    }

    @Test
    void objectsJsonAndDefaultsLandInTheirColumnsAndBadRowsAreReportedByPosition() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_types");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, doc jsonb, note text DEFAULT 'dflt', n numeric)");
        admin("INSERT INTO " + t + " (id) VALUES (3)");
        List<Object> rows = List.of(
                Map.of("id", 1, "doc", Map.of("k", List.of(1, "x\",\n\\.")), "n", 1.5),
                Map.of("id", 2),
                Map.of("id", 3, "n", 7),            // duplicate key: rejected by the server, the rest go in
                Map.of("id", "four", "n", 1));      // not an integer: rejected before sending
        McpSchema.CallToolResult r = call(RW, "insert_rows", Map.of("table", t, "rows", rows));
        assertThat(r.isError()).as(r.toString()).isFalse();
        Map<String, Object> s = structured(r);
        assertThat(s).containsEntry("rows_done", 2L).containsEntry("rows_rejected", 2L);
        assertThat(s.get("rejected").toString()).contains("row=2", "duplicate key", "row=3", "four");
        try (Connection c = TestDatabase.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT doc::text, note, n::text FROM " + t + " WHERE id = 1 UNION ALL SELECT doc::text, note, n::text FROM "
                        + t + " WHERE id = 2")) {
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .containsExactly("{\"k\": [1, \"x\\\",\\n\\\\.\"]}", "dflt", "1.5");
            rs.next();
            assertThat(rs.getString(2)).as("a key absent from every row gets the column default").isEqualTo("dflt");
        }
    }

    @Test
    void aLoadIdResumedWithOtherRowsIsRefusedBeforeAnythingIsWritten() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_changed");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        Map<String, Object> first = new LinkedHashMap<>(Map.of("table", t, "columns", List.of("id", "v"), "rows", numbered(1, 10),
                "load_id", "changed-1"));
        assertThat(structured(call(RW, "insert_rows", first))).containsEntry("rows_done", 10L);
        // same load id, other rows: positions 1..10 are "done" for the old rows, so a resume would skip all of these
        Map<String, Object> other = new LinkedHashMap<>(first);
        other.put("rows", numbered(101, 110));
        McpSchema.CallToolResult r = call(RW, "insert_rows", other);
        assertThat(r.isError()).as(r.toString()).isTrue();
        assertThat(structured(r).get("error")).asString().contains("changed-1", "other rows", "new load id");
        assertThat(count(t)).isEqualTo(10);
        // the same rows again still resume (nothing to do)
        assertThat(structured(call(RW, "insert_rows", first))).containsEntry("rows_this_call", 0L).containsEntry("rows_done", 10L);
    }

    @Test
    void aReadOnlyServerRefusesAndWritesNothing() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_ro");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        McpSchema.CallToolResult r = call(RO, "insert_rows", Map.of("table", t, "columns", List.of("id", "v"), "rows", numbered(1, 3)));
        assertThat(r.isError()).isTrue();
        assertThat(structured(r).get("error")).asString().contains("read-only", "--allow-writes");
        assertThat(count(t)).isZero();
    }

    @Test
    void underATenantEveryRowMustBelongToItAndOneRowOutsideRefusesTheWholeCall() throws Exception {
        String t = SharedDsqlLocal.uniqueName("ir_tenant");
        String plain = SharedDsqlLocal.uniqueName("ir_plain");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, tenant_id text NOT NULL, v text)",
                "CREATE TABLE " + plain + " (id int PRIMARY KEY, v text)");
        McpSchema.CallToolResult ok = call(TENANT_A, "insert_rows", Map.of("table", t, "rows",
                List.of(Map.of("id", 1, "tenant_id", "a"), Map.of("id", 2, "tenant_id", "a", "v", "x"))));
        assertThat(ok.isError()).as(ok.toString()).isFalse();
        assertThat(structured(ok)).containsEntry("rows_done", 2L).doesNotContainKey("table_rows");
        assertThat((String) structured(ok).get("load_id")).startsWith("tenant-");

        record Case(String table, Map<String, Object> extra, String says) {}
        for (Case c : List.of(
                new Case(t, Map.of("rows", List.of(Map.of("id", 3, "tenant_id", "a"), Map.of("id", 4, "tenant_id", "b"))), "row 1 sets tenant_id to 'b'"),
                new Case(t, Map.of("columns", List.of("id", "v"), "rows", List.of(List.of(5, "x"))), "do not set tenant_id"),
                new Case(t, Map.of("rows", List.of(Map.of("id", 6, "v", "no tenant key"))), "do not set tenant_id"),
                new Case(plain, Map.of("columns", List.of("id", "v"), "rows", List.of(List.of(7, "x"))), "has no tenant_id column"))) {
            Map<String, Object> args = new LinkedHashMap<>(c.extra());
            args.put("table", c.table());
            McpSchema.CallToolResult r = call(TENANT_A, "insert_rows", args);
            assertThat(r.isError()).as(c.toString()).isTrue();
            assertThat(structured(r).get("error")).as(c.toString()).asString().contains("tenant scope", c.says());
        }
        assertThat(count(t)).isEqualTo(2);
        assertThat(count(plain)).isZero();
    }

    private static int count(String table) throws Exception {
        try (Connection c = TestDatabase.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int batches(String loadId) throws Exception {
        try (Connection c = TestDatabase.connect(); var ps = c.prepareStatement("SELECT count(*) FROM " + LoadManifest.TABLE
                + " WHERE load_id = ? AND first_line > 0")) {
            ps.setString(1, loadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
