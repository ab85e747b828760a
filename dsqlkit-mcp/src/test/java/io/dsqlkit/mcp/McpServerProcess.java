package io.dsqlkit.mcp;

import io.dsqlkit.local.DsqlLocal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs the MCP server in a child JVM with this test JVM's class path. */
final class McpServerProcess {
    private McpServerProcess() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** java -cp <test class path> io.dsqlkit.mcp.McpMain <extra> */
    static List<String> command(String... extra) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                "io.dsqlkit.mcp.McpMain"));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    /** --url of the shared local DSQL (static password). */
    static String url(DsqlLocal local) {
        return "postgresql://" + local.user() + ":" + local.password() + "@" + local.host() + ":" + local.port() + "/postgres";
    }
}
