package io.dsqlkit.cli;

import io.dsqlkit.cli.lint.LintCommand;
import io.dsqlkit.local.cli.LocalCommand;
import io.dsqlkit.mcp.cli.McpCommand;
import io.dsqlkit.migrate.cli.BatchCommand;
import io.dsqlkit.migrate.cli.IntegrityCommand;
import io.dsqlkit.migrate.cli.LoadCommand;
import io.dsqlkit.migrate.cli.MigrateCommand;
import io.dsqlkit.migrate.cli.SchemaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Exit codes shared by all commands: 0 success / clean, 1 findings or a failed operation,
 * 2 usage or I/O error.
 */
@Command(name = "dsqlkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Tools for Amazon Aurora DSQL: MCP server, local DSQL, linter, migrations, batches and loads.",
        subcommands = {LintCommand.class, LocalCommand.class, McpCommand.class, MigrateCommand.class, SchemaCommand.class,
                BatchCommand.class, LoadCommand.class, IntegrityCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, no errors (lint warnings alone exit 0)", "1:errors found, or the operation failed",
                "2:usage or I/O error (lint: an input could not be read)"})
public final class DsqlkitCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see 'dsqlkit --help'");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DsqlkitCommand());
        cl.setExitCodeExceptionMapper(t -> 2);
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        return cl;
    }
}
