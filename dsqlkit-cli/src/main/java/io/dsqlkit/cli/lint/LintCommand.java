package io.dsqlkit.cli.lint;

import io.dsqlkit.cli.VersionProvider;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dsqlkit lint}: a thin adapter over {@link LintInputs}, {@link LintRunner} and the renderers. */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Find what Aurora DSQL will reject in SQL files, with DSQL's own message and SQLSTATE, "
                + "and fix what can be fixed mechanically.",
                "PATH is a .sql file, a directory (searched recursively for *.sql, in sorted order; hidden "
                        + "directories are skipped) or - for standard input. Without PATH, SQL piped on "
                        + "standard input is linted."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings alone exit 0)",
                "1:at least one error: DSQL would reject something",
                "2:usage error, or an input could not be linted (missing, unreadable, binary, not UTF-8)"},
        footerHeading = "%nExamples:%n",
        footer = {"  dsqlkit lint db/migrations",
                "  dsqlkit lint --fix db/migrations/0042_add_index.sql",
                "  pg_dump --schema-only mydb | dsqlkit lint --profile 2025-05",
                "  dsqlkit lint --fix - < in.sql > out.sql",
                "  dsqlkit lint --format sarif db > dsqlkit.sarif"})
public final class LintCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, directories, or - for standard input.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--fix", description = "Apply the mechanical fixes: rewrite files in place (atomically, only "
            + "when changed), or print the fixed SQL for standard input. What could not be fixed is listed on "
            + "stderr with the reason.")
    boolean fix;

    @Option(names = "--profile", paramLabel = "P", converter = ProfileConverter.class,
            description = "DSQL surface to check against: 2026-09 (current, default) or 2025-05 (the GA "
                    + "surface: no foreign keys, JSON columns, sequences or identity).")
    Profile profile = Profile.CURRENT;

    @Option(names = "--format", paramLabel = "F", converter = FormatConverter.class,
            description = "Output: text (default), json, sarif (SARIF 2.1.0) or github (workflow annotations).")
    OutputFormat format = OutputFormat.TEXT;

    /**
     * Runs the lint. Parsed by picocli, {@code spec} is set and gives the streams; parsed by {@link LintArgs} (which
     * hands a command line with a {@link #usageError} to picocli), the streams are the process's, as picocli makes them.
     */
    @Override
    public Integer call() {
        CommandLine cl = spec == null ? null : spec.commandLine();
        String usage = usageError();
        if (usage != null) throw new CommandLine.ParameterException(cl, usage);
        List<String> args = paths.isEmpty() ? List.of(LintInputs.STDIN_ARG) : paths;
        boolean fixingStdin = fix && args.contains(LintInputs.STDIN_ARG);

        PrintWriter out = new PrintWriter(new BufferedWriter(cl != null ? cl.getOut() : stdoutWriter(), 1 << 16), false);
        PrintWriter err = cl != null ? cl.getErr() : new PrintWriter(System.err, true);
        try {
            LintInputs.Resolved resolved = LintInputs.resolve(args);
            resolved.notes().forEach(n -> err.println("dsqlkit lint: " + n));
            // With fixed SQL on stdout, the report goes to stderr.
            PrintWriter reportTo = fixingStdin ? err : out;
            RenderContext ctx = new RenderContext(reportTo, !fixingStdin && Ansi.wantedForThisProcess(), fix, profile,
                    VersionProvider.version());
            Renderer renderer = format.renderer(ctx);
            LintRunner runner = new LintRunner(new ChunkedLinter(new Linter(profile)), fix, stdin(), out, err, renderer);
            LintSummary summary = runner.run(resolved.inputs(), resolved.problems());
            if (resolved.inputs().isEmpty() && resolved.problems().isEmpty()) {
                err.println("dsqlkit lint: nothing to lint");
            }
            return summary.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * What makes this command line unusable, or null: no input while standard input is a terminal, or {@code --fix}
     * on standard input (whose fixed SQL goes to stdout) with a report format other than text.
     */
    String usageError() {
        if (paths.isEmpty() && StandardInput.isTerminal()) {
            return "no input: give files or directories to lint, or pipe SQL on standard input";
        }
        boolean fixingStdin = fix && (paths.isEmpty() || paths.contains(LintInputs.STDIN_ARG));
        if (fixingStdin && format != OutputFormat.TEXT) {
            return "--fix on standard input writes the fixed SQL to stdout, so findings go to stderr as text; drop --format "
                    + format;
        }
        return null;
    }

    /** Standard output as picocli writes it: in {@code sun.stdout.encoding} when set (cp65001 is UTF-8), else the default. */
    private static java.io.Writer stdoutWriter() {
        String name = System.getProperty("sun.stdout.encoding");
        java.nio.charset.Charset cs = java.nio.charset.Charset.defaultCharset();
        if (name != null) {
            try {
                cs = "cp65001".equalsIgnoreCase(name) ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
            } catch (IllegalArgumentException e) {
                // picocli falls back to the default charset too
            }
        }
        return new java.io.OutputStreamWriter(System.out, cs);
    }

    private static InputStream stdin() {
        return System.in;
    }

    static final class ProfileConverter implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown format '" + value
                        + "'; expected one of text, json, sarif, github");
            }
        }
    }
}
