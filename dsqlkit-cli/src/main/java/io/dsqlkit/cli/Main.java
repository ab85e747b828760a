package io.dsqlkit.cli;

import io.dsqlkit.cli.lint.LintArgs;
import io.dsqlkit.cli.lint.LintCommand;
import io.dsqlkit.cli.mcp.McpArgs;
import io.dsqlkit.cli.mcp.McpCommand;

import java.util.Arrays;
import java.util.Optional;

/** The {@code dsqlkit} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        if (args.length > 0 && "mcp".equals(args[0])) {
            // An agent host spawns the MCP server and waits for it: a plain command line skips picocli (McpArgs).
            Optional<McpCommand> mcp = McpArgs.parse(Arrays.copyOfRange(args, 1, args.length));
            if (mcp.isPresent()) return FriendlyErrors.call(mcp.get());
        }
        if (args.length > 0 && "lint".equals(args[0])) {
            // Linting one small file is mostly start-up: a plain command line skips picocli (LintArgs).
            Optional<LintCommand> lint = LintArgs.parse(Arrays.copyOfRange(args, 1, args.length));
            if (lint.isPresent()) return FriendlyErrors.call(lint.get());
        }
        return DsqlkitCommand.commandLineFor(args).execute(args);
    }
}
