package io.dsqlkit.cli.lint;

import picocli.CommandLine;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dsqlkit lint} option parsing without picocli, for start-up (as {@code McpArgs} does for {@code mcp}): picocli
 * builds the command's model from its annotations, whose proxies the start-up archive cannot hold, about 40 ms of a
 * small file's whole-process lint. Only plain command lines are parsed here: paths (or {@code -}), and
 * {@code --fix}, {@code --profile P}, {@code --format F} (also as {@code --name=value}) each at most once, with values
 * converted by the command's own converters. Anything else (help, version, an unknown or repeated option, {@code --},
 * an @-file, a value starting with {@code -} or {@code @}, a value picocli would refuse) and a command line with a
 * {@link LintCommand#usageError} return empty: the caller hands the command line to picocli, which parses or refuses it as before.
 * {@code LintArgsTest} checks both parsers agree.
 */
public final class LintArgs {
    static final Set<String> VALUED = Set.of("--profile", "--format");
    static final Set<String> FLAGS = Set.of("--fix");

    private LintArgs() {}

    /** The command these arguments (after {@code lint}) configure, or empty when picocli must parse them. */
    public static Optional<LintCommand> parse(String... args) {
        LintCommand c = new LintCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) return Optional.empty();
            if (arg.equals("-") || !arg.startsWith("-")) {
                c.paths.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!seen.add(name)) return Optional.empty();
            if (FLAGS.contains(name)) {
                if (eq >= 0) return Optional.empty();
                c.fix = true;
                continue;
            }
            if (!VALUED.contains(name)) return Optional.empty();
            String value;
            if (eq >= 0) value = arg.substring(eq + 1);
            else if (i + 1 < args.length) value = args[++i];
            else return Optional.empty();
            if (value.startsWith("-") || value.startsWith("@")) return Optional.empty();
            try {
                if (name.equals("--profile")) c.profile = new LintCommand.ProfileConverter().convert(value);
                else c.format = new LintCommand.FormatConverter().convert(value);
            } catch (CommandLine.TypeConversionException e) {
                return Optional.empty();
            }
        }
        return c.usageError() == null ? Optional.of(c) : Optional.empty(); // picocli reports a usage error with the usage
    }
}
