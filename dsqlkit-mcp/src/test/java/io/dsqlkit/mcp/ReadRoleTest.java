package io.dsqlkit.mcp;

import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege: with a reader configured ({@code --read-role}/{@code --read-url}) reads run as
 * that role while writes keep the main one. The reader here is a SELECT-only PostgreSQL role of the
 * engine behind local DSQL (the stand-in for a DSQL role mapped with AWS IAM GRANT).
 */
class ReadRoleTest {
    static final String ROLE = SharedDsqlLocal.uniqueName("mcp_reader");
    static final String T = SharedDsqlLocal.uniqueName("rr");
    static final String HIDDEN = SharedDsqlLocal.uniqueName("rr_hidden");
    static Database database;
    static ToolAdapter adapter;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabase.admin("CREATE TABLE " + T + " (id int PRIMARY KEY, v text)", "INSERT INTO " + T + " VALUES (1, 'a')",
                "CREATE TABLE " + HIDDEN + " (id int PRIMARY KEY)");
        try (Connection c = SharedDsqlLocal.get().postgres().connect(); var st = c.createStatement()) {
            st.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'reader-pw'");
            st.execute("GRANT SELECT ON " + T + " TO " + ROLE);
        }
        // Through the gateway, as every client of local DSQL connects (the PostgreSQL behind it takes TCP logins
        // from its superuser only).
        var local = SharedDsqlLocal.get();
        String password = local.auth() == io.dsqlkit.local.gateway.auth.AuthMode.IAM ? local.token(local.host(), ROLE) : "reader-pw";
        Endpoint reader = new Endpoint(Endpoint.Kind.URL, local.host(), local.port(), "postgres", ROLE,
                TokenProvider.staticPassword(password), null, null);
        Database readerDb = new Database(() -> DataSources.pooled(reader, PoolSettings.defaults(), "dsqlkit-mcp-reads-test"), "reader");
        database = TestDatabase.database().withReader(readerDb);
        adapter = new ToolAdapter(database, ServerSettings.defaults(true));
    }

    @AfterAll
    static void tearDown() {
        database.forReads().close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsRunAsTheReaderAndWritesAsTheMainRole() {
        Map<String, Object> r = structured(call(adapter, "query", Map.of("sql", "SELECT current_user AS u, v FROM " + T)));
        assertThat(((List<Map<String, Object>>) r.get("rows")).get(0)).containsEntry("u", ROLE).containsEntry("v", "a");
        McpSchema.CallToolResult w = call(adapter, "execute", Map.of("sql", "INSERT INTO " + T + " VALUES (2, 'b')"));
        assertThat(w.isError()).as(w.toString()).isFalse();
        McpSchema.CallToolResult hidden = call(adapter, "query", Map.of("sql", "SELECT * FROM " + HIDDEN));
        assertThat(hidden.isError()).isTrue();
        assertThat(hidden.toString()).contains("permission denied");
        assertThat(database.description()).contains("reads as reader");
    }
}
