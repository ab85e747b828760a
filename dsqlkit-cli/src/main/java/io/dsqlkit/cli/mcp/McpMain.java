package io.dsqlkit.cli.mcp;

import io.dsqlkit.cli.Main;

/**
 * Runs {@code dsqlkit mcp} without the launcher (end-to-end tests and benchmarks spawn it with the
 * module's class path): {@code java -cp ... io.dsqlkit.cli.mcp.McpMain [mcp options]}.
 */
public final class McpMain {
    private McpMain() {}

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "mcp";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        System.exit(Main.run(withCommand));
    }
}
