package io.dsqlkit.cli.mcp;

import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.testkit.SharedDsqlLocal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs the MCP server in a child JVM with this test JVM's class path. */
final class McpServerProcess {
    private McpServerProcess() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** java -cp <test class path> io.dsqlkit.cli.mcp.McpMain <extra> */
    static List<String> command(String... extra) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                "io.dsqlkit.cli.mcp.McpMain"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private static Database database;

    /** The shared local DSQL as the tools see it (for the in-process HTTP server). */
    static synchronized Database database() {
        if (database == null) {
            DsqlLocal local = SharedDsqlLocal.get();
            Endpoint e = new Endpoint(Endpoint.Kind.LOCAL, local.host(), local.port(), "postgres", local.user(),
                    TokenProvider.staticPassword(local.password()), null, null);
            database = new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "dsqlkit-mcp-test"), "test " + e);
        }
        return database;
    }

    /** --url of the shared local DSQL (static password). */
    static String url(DsqlLocal local) {
        return "postgresql://" + local.user() + ":" + local.password() + "@" + local.host() + ":" + local.port() + "/postgres";
    }
}
