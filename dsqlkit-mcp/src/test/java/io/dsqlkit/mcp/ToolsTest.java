package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.admin;
import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

class ToolsTest {
    static final ToolAdapter RW = TestDatabase.adapter(ServerSettings.defaults(true));
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));
    static String table;

    @BeforeAll
    static void schema() throws Exception {
        table = SharedDsqlLocal.uniqueName("entities");
        admin("CREATE TABLE " + table + " (entity_id varchar(255) PRIMARY KEY, tenant_id varchar(255) NOT NULL, "
                + "name varchar(255) NOT NULL, n int, big bigint, amount numeric(30,10), blob bytea, doc jsonb, "
                + "created_at timestamptz DEFAULT now(), u uuid)");
        admin("INSERT INTO " + table + " VALUES ('e1', 't1', 'One', 1, 9007199254740993, 12.5, '\\x0102', '{\"a\":[1,2]}', "
                + "'2026-01-02T03:04:05Z', '00000000-0000-0000-0000-000000000001')");
        admin("INSERT INTO " + table + " (entity_id, tenant_id, name, big, amount) VALUES ('e2', 't2', 'Two', 42, 1234567890.1234567891)");
    }

    @Test
    void queryReturnsJsonTypedRowsWithParameters() {
        McpSchema.CallToolResult r = call(RO, "query", Map.of("sql",
                "SELECT *, ARRAY['x', 'y'] AS tags FROM " + table + " WHERE tenant_id = $1 AND n = $2", "parameters", List.of("t1", 1)));
        assertThat(r.isError()).as(r.toString()).isFalse();
        Map<String, Object> s = structured(r);
        assertThat(s.get("rowCount")).isEqualTo(1);
        assertThat(s.get("truncated")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) s.get("rows")).get(0);
        assertThat(row.get("n")).isEqualTo(1);
        assertThat(row.get("big")).isEqualTo("9007199254740993"); // beyond 2^53: a string, no precision loss
        assertThat(row.get("amount")).isEqualTo(12.5);
        assertThat(row.get("blob")).isEqualTo("AQI=");
        assertThat(row.get("doc")).isEqualTo(Map.of("a", List.of(1, 2)));
        assertThat(row.get("created_at")).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(row.get("tags")).isEqualTo(List.of("x", "y"));
        assertThat(row.get("u")).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat((List<?>) s.get("columns")).hasSize(11);
    }

    @Test
    void countIsANumberAndLongNumericIsAString() {
        Map<String, Object> s = structured(call(RO, "query", Map.of("sql",
                "SELECT count(*) AS count, max(big) AS big, sum(amount) FILTER (WHERE entity_id = 'e2') AS amt FROM " + table)));
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) s.get("rows")).get(0);
        assertThat(row.get("count")).isEqualTo(2L);
        assertThat(row.get("amt")).isEqualTo("1234567890.1234567891");
    }

    @Test
    void rowCapTruncates() {
        ToolAdapter capped = TestDatabase.adapter(ServerSettings.defaults(false).withRowLimit(5));
        Map<String, Object> s = structured(call(capped, "query", Map.of("sql", "SELECT g FROM generate_series(1, 10) g")));
        assertThat(s.get("rowCount")).isEqualTo(5);
        assertThat(s.get("truncated")).isEqualTo(true);
    }

    @Test
    void statementTimeoutCancelsSlowQueries() {
        ToolAdapter quick = TestDatabase.adapter(ServerSettings.defaults(false).withStatementTimeout(java.time.Duration.ofSeconds(1)));
        McpSchema.CallToolResult r = call(quick, "query", Map.of("sql", "SELECT pg_sleep(5)"));
        assertThat(r.isError()).isTrue();
        assertThat(structured(r).get("sqlstate")).isEqualTo("57014");
        assertThat(structured(r).get("limit")).asString().contains("statement timeout of 1 s");
        assertThat(structured(r).get("fix")).asString().contains("dsqlkit mcp --statement-timeout");
        // the pool still works afterwards
        assertThat(call(quick, "query", Map.of("sql", "SELECT 1 AS one")).isError()).isFalse();
    }

    @Test
    void executeWritesAndReportsRowCount() {
        String t = SharedDsqlLocal.uniqueName("exec");
        assertThat(call(RW, "execute", Map.of("sql", "CREATE TABLE " + t + " (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), v text)")).isError()).isFalse();
        Map<String, Object> s = structured(call(RW, "execute", Map.of("sql", "INSERT INTO " + t + " (v) VALUES ($1), ($2)",
                "parameters", List.of("a", "b"))));
        assertThat(s.get("rowCount")).isEqualTo(2);
        assertThat(s.get("attempts")).isEqualTo(1);
        Map<String, Object> ret = structured(call(RW, "execute", Map.of("sql", "UPDATE " + t + " SET v = 'c' WHERE v = $1 RETURNING v",
                "parameters", List.of("a"))));
        assertThat(ret.get("rowCount")).isEqualTo(1);
        assertThat(ret.get("rows")).isEqualTo(List.of(Map.of("v", "c")));
    }

    @Test
    void aWriteOverDsqlsRowLimitSaysWhichLimitAndHowToBatch() {
        String t = SharedDsqlLocal.uniqueName("limit");
        assertThat(call(RW, "execute", Map.of("sql", "CREATE TABLE " + t + " (id int PRIMARY KEY)")).isError()).isFalse();
        for (String tool : List.of("execute", "transact")) {
            String sql = "INSERT INTO " + t + " SELECT g FROM generate_series(1, 3001) g";
            McpSchema.CallToolResult r = call(RW, tool, tool.equals("execute") ? Map.of("sql", sql) : Map.of("sql_list", List.of(sql)));
            assertThat(r.isError()).as(tool).isTrue();
            Map<String, Object> s = structured(r);
            assertThat(s.get("sqlstate")).as(tool).isEqualTo("54000");
            assertThat(s.get("limit")).as(tool).asString().contains("3,000 rows per transaction");
            assertThat(s.get("fix")).as(tool).asString().contains("insert_rows", "batch_execute", "dsqlkit load", "dsqlkit batch");
        }
    }

    @Test
    void aMistypedKeywordIsASyntaxErrorWithItsPositionNotAUtilityCommand() {
        record Case(ToolAdapter server, String tool, Map<String, Object> args, int position) {}
        for (Case c : List.of(
                new Case(RO, "query", Map.of("sql", "SELEC 1"), 1),
                new Case(RO, "query", Map.of("sql", "selec * from " + table), 1),
                new Case(RO, "readonly_query", Map.of("sql", "SELEC 1"), 1),
                new Case(RW, "execute", Map.of("sql", "INSRT INTO " + table + " VALUES (1)"), 1),
                new Case(RW, "transact", Map.of("sql_list", List.of("SELECT 1", "UPDTE " + table + " SET n = 2")), 1))) {
            McpSchema.CallToolResult r = call(c.server(), c.tool(), c.args());
            Map<String, Object> s = structured(r);
            assertThat(r.isError()).as(c.toString()).isTrue();
            assertThat(s.get("sqlstate")).as(c.toString()).isEqualTo("42601");
            assertThat(s.get("error")).as(c.toString()).asString().contains("syntax error at or near").doesNotContain("utility");
            assertThat(s.get("position")).as(c.toString()).isEqualTo(c.position());
        }
    }

    @Test
    void executeIsRefusedOnAReadOnlyServer() throws Exception {
        McpSchema.CallToolResult r = call(RO, "execute", Map.of("sql", "DELETE FROM " + table));
        assertThat(r.isError()).isTrue();
        assertThat(structured(r).get("error").toString()).contains("read-only", "--allow-writes");
        try (var c = TestDatabase.connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void aWriteDsqlWouldRejectIsRefusedWithRuleSqlstateAndFixWithoutARoundTrip() {
        String t = SharedDsqlLocal.uniqueName("lint");
        // dsql-facts §4: CREATE INDEX without ASYNC -> 0A000 "unsupported mode. please use CREATE INDEX ASYNC."
        McpSchema.CallToolResult r = call(RW, "execute", Map.of("sql", "CREATE INDEX " + t + "_idx ON " + table + " (name)"));
        assertThat(r.isError()).isTrue();
        Map<String, Object> s = structured(r);
        assertThat(s.get("sqlstate")).isEqualTo("0A000");
        assertThat(s.get("rule")).isNotNull();
        assertThat(String.valueOf(s.get("fixedSql"))).containsIgnoringCase("CREATE INDEX ASYNC");
    }

    @Test
    void listAndDescribeTables() {
        Map<String, Object> l = structured(call(RO, "list_tables", Map.of()));
        assertThat(l.get("tables").toString()).contains(table);
        McpSchema.CallToolResult r = call(RO, "describe_table", Map.of("table_name", table));
        assertThat(r.isError()).isFalse();
        Map<String, Object> d = structured(r);
        assertThat(d.get("primaryKey")).isEqualTo(List.of("entity_id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cols = (List<Map<String, Object>>) d.get("columns");
        assertThat(cols.get(1)).containsEntry("name", "tenant_id").containsEntry("nullable", false).containsEntry("type", "character varying(255)");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> idx = (List<Map<String, Object>>) d.get("indexes");
        assertThat(idx).anySatisfy(i -> assertThat(i).containsEntry("primary", true).containsEntry("valid", true));
        assertThat(call(RO, "describe_table", Map.of("table_name", "no_such_table_x")).isError()).isTrue();
        assertThat(call(RO, "describe_table", Map.of("table_name", "public." + table)).isError()).isFalse();
    }

    @Test
    void getSchemaListsTablesWithColumns() {
        Map<String, Object> s = structured(call(RO, "get_schema", Map.of("schema", "public")));
        assertThat(s.get("tables").toString()).contains(table, "tenant_id");
    }

    @Test
    void transactCommitsAllAndReportsAttempts() throws Exception {
        String t = SharedDsqlLocal.uniqueName("tx");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, v int)");
        Map<String, Object> s = structured(call(RW, "transact", Map.of(
                "sql_list", List.of("INSERT INTO " + t + " VALUES ($1, $2)", "UPDATE " + t + " SET v = v + 1 WHERE id = $1"),
                "params_list", List.of(List.of(1, 10), List.of(1)))));
        assertThat(s).containsEntry("committed", true);
        assertThat((Integer) s.get("attempts")).isGreaterThanOrEqualTo(1); // DSQL may fail the first try with OC001 after the CREATE TABLE (dsql-facts §3)
        // a failing statement rolls back the whole transaction and reports committed: false
        McpSchema.CallToolResult bad = call(RW, "transact", Map.of("sql_list",
                List.of("INSERT INTO " + t + " VALUES (2, 0)", "INSERT INTO " + t + " VALUES (1, 0)")));
        assertThat(bad.isError()).isTrue();
        assertThat(structured(bad)).containsEntry("committed", false).containsEntry("sqlstate", "23505");
        try (var c = TestDatabase.connect(); var rs = c.createStatement().executeQuery("SELECT count(*), sum(v) FROM " + t)) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(11);
        }
    }

    @Test
    void transactRefusesDsqlTransactionShapes() {
        String t = SharedDsqlLocal.uniqueName("shape");
        McpSchema.CallToolResult r = call(RW, "transact", Map.of("sql_list",
                List.of("CREATE TABLE " + t + " (id int PRIMARY KEY)", "INSERT INTO " + t + " VALUES (1)")));
        assertThat(r.isError()).isTrue();
        assertThat(structured(r)).containsEntry("sqlstate", "0A000");
        assertThat(structured(r).get("dsqlMessage")).isEqualTo("ddl and dml are not supported in the same transaction");
        McpSchema.CallToolResult r2 = call(RW, "transact", Map.of("sql_list", List.of("BEGIN", "SELECT 1")));
        assertThat(r2.isError()).isTrue();
    }

    @Test
    void lintReportsAndFixes() {
        Map<String, Object> s = structured(call(RO, "dsql_lint", Map.of("sql", "CREATE INDEX i ON t (a);\nTRUNCATE t;", "fix", true)));
        assertThat(s.get("ok")).isEqualTo(false);
        assertThat(s.get("diagnostics").toString()).contains("0A000");
        assertThat(String.valueOf(s.get("fixedSql"))).containsIgnoringCase("CREATE INDEX ASYNC");
    }

    @Test
    void explainShowsThePlanAndAnalyzeOfWritesIsRolledBack() throws Exception {
        Map<String, Object> s = structured(call(RO, "explain", Map.of("sql", "SELECT * FROM " + table + " WHERE entity_id = $1",
                "parameters", List.of("e1"))));
        assertThat(s.get("plan").toString()).contains("Plan");
        assertThat(call(RO, "explain", Map.of("sql", "DELETE FROM " + table, "analyze", true)).isError()).isTrue();
        Map<String, Object> a = structured(call(RW, "explain", Map.of("sql", "DELETE FROM " + table, "analyze", true)));
        assertThat(a).containsEntry("rolledBack", true);
        try (var c = TestDatabase.connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void guideAnswersOffline() {
        Map<String, Object> s = structured(call(RO, "dsql_guide", Map.of("topic", "foreign keys")));
        assertThat(s.get("found")).isEqualTo(true);
        assertThat(s.get("topic")).isEqualTo("referential-integrity");
        assertThat(structured(call(RO, "dsql_guide", Map.of("topic", "constraints"))).get("markdown").toString()).contains("ASYNC");
    }

    @Test
    void listJobsWorksOnEveryEndpoint() {
        McpSchema.CallToolResult r = call(RO, "list_jobs", Map.of());
        assertThat(r.isError()).isFalse();
        assertThat(structured(r)).containsKey("jobs");
    }

    @Test
    void badArgumentsAreToolErrorsNamingTheArgument() {
        McpSchema.CallToolResult r = call(RO, "query", Map.of("sql", "SELECT $1"));
        assertThat(r.isError()).isTrue();
        assertThat(structured(r)).containsEntry("argument", "parameters");
        assertThat(call(RO, "query", Map.of()).isError()).isTrue();
    }
}
