package io.dsqlkit.mcp;

import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.mcp.tools.ToolCatalog;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The shared local DSQL as the tools see it, and helpers to call tools in-process. */
public final class TestDatabase {
    private static Database database;

    private TestDatabase() {}

    public static synchronized Database database() {
        if (database == null) {
            DsqlLocal local = SharedDsqlLocal.get();
            Endpoint e = endpoint(local);
            database = new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "dsqlkit-mcp-test"), "test " + e);
        }
        return database;
    }

    public static Endpoint endpoint(DsqlLocal local) {
        return new Endpoint(Endpoint.Kind.LOCAL, local.host(), local.port(), "postgres", local.user(),
                TokenProvider.staticPassword(local.password()), null, null);
    }

    public static ToolAdapter adapter(ServerSettings settings) {
        return new ToolAdapter(database(), settings);
    }

    public static DsqlTool tool(String name) {
        return ToolCatalog.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    public static McpSchema.CallToolResult call(ToolAdapter adapter, String tool, Map<String, Object> args) {
        return adapter.invoke(tool(tool), args);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    /** Runs admin SQL directly (autocommit), bypassing the server. */
    public static void admin(String... sql) throws SQLException {
        try (Connection c = SharedDsqlLocal.get().connect(); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    public static Connection connect() throws SQLException {
        return SharedDsqlLocal.get().connect();
    }
}
