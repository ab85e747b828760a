package io.dsqlkit.mcp.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "mcp", mixinStandardHelpOptions = true, description = "Run the Aurora DSQL MCP server (stdio or HTTP).")
public final class McpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit mcp: not built yet");
        return 2;
    }
}
