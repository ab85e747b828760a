package io.dsqlkit.cli.mcp;

import picocli.CommandLine;

/**
 * Runs {@code dsqlkit mcp} without the full CLI (end-to-end tests and benchmarks spawn it with the
 * module's class path): {@code java -cp ... io.dsqlkit.cli.mcp.McpMain [mcp options]}.
 */
public final class McpMain {
    private McpMain() {}

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        int code = new CommandLine(new McpCommand()).execute(args);
        System.exit(code);
    }
}
