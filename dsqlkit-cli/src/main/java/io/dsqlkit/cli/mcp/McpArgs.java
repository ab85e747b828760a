package io.dsqlkit.cli.mcp;

import io.dsqlkit.cli.ConnectionOptions;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code dsqlkit mcp} option parsing without picocli, for start-up. picocli builds a command's model by
 * reading its annotations, and on a cold JVM the annotation proxies it needs cannot come from the start-up
 * archive: that costs about 40 ms before the MCP server can start, a sixth of spawn-to-initialize.
 * <p>
 * Only plain command lines are parsed here: every argument an option named in this table (or in
 * {@link ConnectionOptions#VALUED}/{@link ConnectionOptions#FLAGS}), each given at most once, as
 * {@code --name value} or {@code --name=value} (flags without a value), with values that neither start
 * with {@code -} nor {@code @} (an @-file) and that convert the way picocli converts them. Anything else
 * (help, version, {@code --http-allow-host}'s list, an unknown or repeated option, a bad number) returns
 * empty and the caller hands the whole command line to picocli, which parses or refuses it as before.
 * {@code McpArgsTest} checks that these tables name every option {@link McpCommand} declares and that both
 * parsers leave every field the same.
 */
public final class McpArgs {
    static final Map<String, BiConsumer<McpCommand, String>> VALUED = Map.ofEntries(
            Map.entry("--http", (c, v) -> c.http = v),
            Map.entry("--http-token", (c, v) -> c.httpToken = v),
            Map.entry("--http-max-sessions", (c, v) -> c.httpMaxSessions = Integer.valueOf(v)),
            Map.entry("--http-session-idle", (c, v) -> c.httpSessionIdleSeconds = Integer.valueOf(v)),
            Map.entry("--row-limit", (c, v) -> c.rowLimit = Integer.valueOf(v)),
            Map.entry("--max-value-bytes", (c, v) -> c.maxValueBytes = Integer.valueOf(v)),
            Map.entry("--max-result-bytes", (c, v) -> c.maxResultBytes = Long.valueOf(v)),
            Map.entry("--statement-timeout", (c, v) -> c.statementTimeoutSeconds = Integer.valueOf(v)),
            Map.entry("--tenant-column", (c, v) -> c.tenantColumn = v),
            Map.entry("--tenant", (c, v) -> c.tenant = v),
            Map.entry("--profile", (c, v) -> c.profile = v),
            Map.entry("--data", (c, v) -> c.dataDir = Path.of(v)),
            Map.entry("--max-pool-size", (c, v) -> c.maxPoolSize = Integer.valueOf(v)),
            Map.entry("--max-lifetime", (c, v) -> c.maxLifetimeSeconds = Integer.valueOf(v)),
            Map.entry("--read-role", (c, v) -> c.readRole = v),
            Map.entry("--read-url", (c, v) -> c.readUrl = v),
            Map.entry("--occ-retries", (c, v) -> c.occAttempts = Integer.valueOf(v)));

    static final Map<String, Consumer<McpCommand>> FLAGS = Map.of(
            "--allow-writes", c -> c.allowWrites = true,
            "--read-only", c -> c.readOnly = true,
            "--lazy-connect", c -> c.lazyConnect = true);

    private McpArgs() {}

    /** The command these arguments (after {@code mcp}) configure, or empty when picocli must parse them. */
    public static Optional<McpCommand> parse(String... args) {
        McpCommand c = new McpCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!name.startsWith("--") || !seen.add(name)) return Optional.empty();
            Consumer<McpCommand> flag = FLAGS.get(name);
            Consumer<ConnectionOptions> connectionFlag = ConnectionOptions.FLAGS.get(name);
            if (flag != null || connectionFlag != null) {
                if (eq >= 0) return Optional.empty(); // --read-only=true and the like: picocli's rules
                if (flag != null) flag.accept(c);
                else connectionFlag.accept(c.connection);
                continue;
            }
            BiConsumer<McpCommand, String> valued = VALUED.get(name);
            BiConsumer<ConnectionOptions, String> connectionValued = ConnectionOptions.VALUED.get(name);
            if (valued == null && connectionValued == null) return Optional.empty();
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty(); // picocli names the missing value
            }
            if (value.startsWith("-") || value.startsWith("@")) return Optional.empty();
            try {
                if (valued != null) valued.accept(c, value);
                else connectionValued.accept(c.connection, value);
            } catch (IllegalArgumentException e) { // NumberFormatException, InvalidPathException
                return Optional.empty();
            }
        }
        return Optional.of(c);
    }
}
