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

/** Tenant scoping decided from the planner's view of each statement (EXPLAIN VERBOSE with the parameters bound). */
class TenantScopeTest {
    static final ToolAdapter T1 = TestDatabase.adapter(ServerSettings.defaults(true).withTenant("t1"));
    static final ToolAdapter ANY = TestDatabase.adapter(ServerSettings.defaults(true));
    static final String ORDERS = SharedDsqlLocal.uniqueName("orders");
    static final String ITEMS = SharedDsqlLocal.uniqueName("items");
    static final String LOOKUP = SharedDsqlLocal.uniqueName("countries");
    static final String VIEW = SharedDsqlLocal.uniqueName("all_orders");

    @BeforeAll
    static void schema() throws Exception {
        admin("CREATE TABLE " + ORDERS + " (id int PRIMARY KEY, tenant_id varchar(64) NOT NULL, country text, total int)",
                "CREATE TABLE " + ITEMS + " (id int PRIMARY KEY, tenant_id text NOT NULL, order_id int)",
                "CREATE TABLE " + LOOKUP + " (code text PRIMARY KEY, name text)",
                "CREATE VIEW " + VIEW + " AS SELECT * FROM " + ORDERS,
                "INSERT INTO " + ORDERS + " VALUES (1, 't1', 'DE', 10), (2, 't2', 'FR', 20)",
                "INSERT INTO " + ITEMS + " VALUES (1, 't1', 1), (2, 't2', 2)",
                "INSERT INTO " + LOOKUP + " VALUES ('DE', 'Germany')");
    }

    private static McpSchema.CallToolResult q(ToolAdapter a, String tool, String sql, Object... params) {
        return call(a, tool, Map.of("sql", sql, "parameters", List.of(params)));
    }

    @Test
    void statementsRestrictedToTheTenantRun() {
        for (String sql : List.of(
                "SELECT * FROM " + ORDERS + " WHERE tenant_id = $1",
                "SELECT * FROM " + ORDERS + " WHERE total > 5 AND tenant_id = $1",
                "SELECT o.id, c.name FROM " + ORDERS + " o LEFT JOIN " + LOOKUP + " c ON c.code = o.country WHERE o.tenant_id = $1",
                "SELECT o.id FROM " + ORDERS + " o JOIN " + ITEMS + " i ON i.tenant_id = o.tenant_id AND i.order_id = o.id WHERE o.tenant_id = $1",
                "SELECT count(*) FROM " + VIEW + " WHERE tenant_id = $1",
                "WITH mine AS (SELECT * FROM " + ORDERS + " WHERE tenant_id = $1) SELECT * FROM mine")) {
            McpSchema.CallToolResult r = q(T1, "query", sql, "t1");
            assertThat(r.isError()).as(sql + " -> " + r).isFalse();
        }
        assertThat(q(T1, "query", "SELECT * FROM " + ORDERS + " WHERE tenant_id = 't1'").isError()).isFalse();
        assertThat(q(T1, "query", "SELECT * FROM " + LOOKUP).isError()).isFalse(); // no tenant column: not scoped
        Map<String, Object> s = structured(q(T1, "query", "SELECT id FROM " + ORDERS + " WHERE tenant_id = $1", "t1"));
        assertThat(s.get("rows")).isEqualTo(List.of(Map.of("id", 1)));
    }

    @Test
    void statementsThatCouldTouchOtherTenantsAreRefused() {
        for (Object[] c : new Object[][] {
                {"SELECT * FROM " + ORDERS, new Object[0]},
                {"SELECT * FROM " + ORDERS + " WHERE tenant_id = $1", new Object[] {"t2"}},
                {"SELECT * FROM " + ORDERS + " WHERE tenant_id = $1 OR total > 0", new Object[] {"t1"}},
                {"SELECT * FROM " + ORDERS + " WHERE tenant_id = $1 OR true", new Object[] {"t1"}},
                {"SELECT * FROM " + ORDERS + " WHERE tenant_id <> $1", new Object[] {"t2"}},
                {"SELECT * FROM " + ORDERS + " WHERE tenant_id LIKE $1", new Object[] {"t%"}},
                {"SELECT * FROM " + VIEW, new Object[0]},
                {"SELECT * FROM " + ORDERS + " WHERE tenant_id = $1 AND id IN (SELECT order_id FROM " + ITEMS + ")", new Object[] {"t1"}},
                {"SELECT o.* FROM " + ORDERS + " o JOIN " + ITEMS + " i ON i.order_id = o.id WHERE o.tenant_id = $1", new Object[] {"t1"}},
        }) {
            McpSchema.CallToolResult r = q(T1, "query", (String) c[0], (Object[]) c[1]);
            assertThat(r.isError()).as((String) c[0]).isTrue();
            assertThat(structured(r).get("error").toString()).as((String) c[0]).contains("tenant");
        }
    }

    @Test
    void writesAreCheckedToo() throws Exception {
        assertThat(q(T1, "execute", "UPDATE " + ORDERS + " SET total = total WHERE tenant_id = $1 AND id = $2", "t1", 1).isError()).isFalse();
        assertThat(q(T1, "execute", "UPDATE " + ORDERS + " SET total = 0 WHERE id = $1", 2).isError()).isTrue();
        assertThat(q(T1, "execute", "DELETE FROM " + ORDERS + " WHERE id = $1", 2).isError()).isTrue();
        assertThat(q(T1, "execute", "UPDATE " + ORDERS + " SET tenant_id = 't2' WHERE tenant_id = $1", "t1").isError()).isTrue();
        assertThat(q(T1, "execute", "INSERT INTO " + ORDERS + " (id, tenant_id, total) VALUES ($1, $2, 1)", 10, "t1").isError()).isFalse();
        assertThat(q(T1, "execute", "INSERT INTO " + ORDERS + " (id, tenant_id, total) VALUES ($1, $2, 1)", 11, "t2").isError()).isTrue();
        assertThat(q(T1, "execute", "INSERT INTO " + ORDERS + " (id, tenant_id) VALUES (12, 't1'), (13, 't2')").isError()).isTrue();
        assertThat(q(T1, "execute", "INSERT INTO " + ORDERS + " (id, tenant_id) VALUES (10, 't1') ON CONFLICT (id) DO UPDATE SET total = 0").isError()).isTrue();
        assertThat(q(T1, "execute", "DROP TABLE " + ORDERS).isError()).isTrue();
        try (var c = TestDatabase.connect(); var rs = c.createStatement().executeQuery(
                "SELECT string_agg(id || ':' || tenant_id || ':' || coalesce(total, -1), ',' ORDER BY id) FROM " + ORDERS)) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("1:t1:10,2:t2:20,10:t1:1");
        }
    }

    @Test
    void perCallTenantAndServerBinding() {
        McpSchema.CallToolResult ok = call(ANY, "query", Map.of("sql", "SELECT * FROM " + ORDERS + " WHERE tenant_id = $1",
                "parameters", List.of("t2"), "tenant", "t2"));
        assertThat(ok.isError()).isFalse();
        McpSchema.CallToolResult refused = call(ANY, "query", Map.of("sql", "SELECT * FROM " + ORDERS, "tenant", "t2"));
        assertThat(refused.isError()).isTrue();
        McpSchema.CallToolResult other = call(T1, "query", Map.of("sql", "SELECT 1", "tenant", "t2"));
        assertThat(other.isError()).isTrue();
        assertThat(structured(other).get("error").toString()).contains("bound to one tenant");
    }
}
