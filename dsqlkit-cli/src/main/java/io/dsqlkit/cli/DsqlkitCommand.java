package io.dsqlkit.cli;

import io.dsqlkit.cli.lint.LintCommand;
import io.dsqlkit.cli.token.TokenCommand;
import io.dsqlkit.cli.local.LocalCommand;
import io.dsqlkit.cli.mcp.McpCommand;
import io.dsqlkit.cli.migrate.BatchCommand;
import io.dsqlkit.cli.migrate.IntegrityCommand;
import io.dsqlkit.cli.migrate.LoadCommand;
import io.dsqlkit.cli.migrate.MigrateCommand;
import io.dsqlkit.cli.migrate.SchemaCommand;
import picocli.CommandLine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * Exit codes shared by all commands: 0 success / clean, 1 findings or a failed operation,
 * 2 usage or I/O error.
 */
@Command(name = "dsqlkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Tools for Amazon Aurora DSQL: MCP server, local DSQL, linter, migrations, batches and loads.",
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

    /**
     * The subcommands in help order. picocli builds a command's whole model by reflection when it is added,
     * so a run of one command ({@code dsqlkit lint ...}) adds only that one: a small lint or an MCP start
     * does not pay for the models of every other command.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("lint", LintCommand::new);
        m.put("local", LocalCommand::new);
        m.put("mcp", McpCommand::new);
        m.put("migrate", MigrateCommand::new);
        m.put("schema", SchemaCommand::new);
        m.put("batch", BatchCommand::new);
        m.put("load", LoadCommand::new);
        m.put("integrity", IntegrityCommand::new);
        m.put("token", TokenCommand::new);
        return m;
    }

    /** The full command tree (help, completion, tests). */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /** The tree a run with these arguments needs: just the named command, or all when none is named. */
    public static CommandLine commandLineFor(String... args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) return commandLine(List.of(args[0]));
        return commandLine();
    }

    private static CommandLine commandLine(Collection<String> names) {
        CommandLine cl = new CommandLine(new DsqlkitCommand());
        for (String name : names) cl.addSubcommand(name, SUBCOMMANDS.get(name).get());
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        // After the subcommands are added (picocli applies these to the hierarchy as it is now).
        // Every enum option: any case, and an unknown value lists the valid ones.
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> 2);
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        return cl;
    }
}
