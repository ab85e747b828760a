package io.dsqlkit.cli.mcp;

import io.dsqlkit.cli.ConnectionOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The picocli-free {@code dsqlkit mcp} parser against picocli's own parse of the same command line. */
class McpArgsTest {
    /** The options McpArgs leaves to picocli alone. */
    private static final Set<String> LEFT_TO_PICOCLI = Set.of("--http-allow-host", "-h", "--help", "-V", "--version");

    private static CommandLine.Model.CommandSpec picocliModel() {
        return new CommandLine(new McpCommand()).getCommandSpec();
    }

    private static Optional<McpCommand> picocli(List<String> args) {
        McpCommand c = new McpCommand();
        try {
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
            return Optional.of(c);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }

    private static Set<String> tableNames() {
        Set<String> names = new HashSet<>();
        names.addAll(McpArgs.VALUED.keySet());
        names.addAll(McpArgs.FLAGS.keySet());
        names.addAll(ConnectionOptions.VALUED.keySet());
        names.addAll(ConnectionOptions.FLAGS.keySet());
        return names;
    }

    @Test
    void theTablesNameEveryOptionPicocliKnowsAndNoOther() {
        Set<String> picocliNames = picocliModel().options().stream().flatMap(o -> List.of(o.names()).stream()).collect(Collectors.toSet());
        Set<String> known = new HashSet<>(tableNames());
        known.addAll(LEFT_TO_PICOCLI);
        assertThat(known).containsExactlyInAnyOrderElementsOf(picocliNames);
    }

    @Test
    void flagsHereAreFlagsThereAndValuedOptionsTakeOneValue() {
        Set<String> flags = new HashSet<>(McpArgs.FLAGS.keySet());
        flags.addAll(ConnectionOptions.FLAGS.keySet());
        for (CommandLine.Model.OptionSpec o : picocliModel().options()) {
            String name = o.longestName();
            if (LEFT_TO_PICOCLI.contains(name)) continue;
            if (flags.contains(name)) {
                assertThat(o.arity().max()).as(name).isZero();
            } else {
                assertThat(o.arity().min()).as(name).isEqualTo(1);
                assertThat(o.arity().max()).as(name).isEqualTo(1);
                assertThat(o.isMultiValue()).as(name).isFalse();
            }
        }
    }

    @Test
    void plainCommandLinesAreParsedHereExactlyAsPicocliDoes() {
        List<List<String>> lines = List.of(
                List.of(),
                List.of("--url", "postgresql://u:p@127.0.0.1:5432/postgres", "--read-only"),
                List.of("--cluster", "abcdefghijklmnopqrstuvwxyz", "--region", "us-east-1", "--allow-writes", "--aws-profile", "dev"),
                List.of("--local", "--data", "/tmp/x", "--row-limit=50", "--max-result-bytes", "1048576", "--tenant", "t1"),
                List.of("--endpoint=h.dsql.us-east-1.on.aws", "--user", "reader", "--port", "5433", "--token-lifetime", "600",
                        "--read-role", "ro", "--occ-retries", "+3", "--statement-timeout", "007"),
                List.of("--http", "127.0.0.1:8765", "--http-token", "secret", "--http-max-sessions", "4", "--profile", "2025-05"));
        for (List<String> line : lines) {
            Optional<McpCommand> fast = McpArgs.parse(line.toArray(String[]::new));
            assertThat(fast).as(line.toString()).isPresent();
            assertThat(fast.get()).as(line.toString()).usingRecursiveComparison().isEqualTo(picocli(line).orElseThrow());
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        List<List<String>> lines = List.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("--http-allow-host", "a,b"),
                List.of("--read-only", "--read-only"), List.of("--url", "a", "--url", "b"), List.of("--bogus"),
                List.of("positional"), List.of("--url"), List.of("--url", "-x"), List.of("--url", "@args.txt"), List.of("@args.txt"),
                List.of("--row-limit", "many"), List.of("--port", ""), List.of("--read-only=true"), List.of("--tenant", "--read-only"),
                List.of("--data", "a\0b"), List.of("-"), List.of("--"));
        for (List<String> line : lines) {
            assertThat(McpArgs.parse(line.toArray(String[]::new))).as(line.toString()).isEmpty();
        }
    }

    @Property(tries = 400)
    void whateverIsParsedHereMeansWhatPicocliMakesOfIt(@ForAll("commandLines") List<String> line) {
        Optional<McpCommand> fast = McpArgs.parse(line.toArray(String[]::new));
        Statistics.label("parsed here").collect(fast.isPresent());
        Statistics.label("parsed here").coverage(c -> c.check(true).percentage(p -> p >= 20)); // the comparison below runs
        if (fast.isEmpty()) return;
        Optional<McpCommand> slow = picocli(line);
        assertThat(slow).as("picocli accepts %s", line).isPresent();
        assertThat(fast.get()).as(line.toString()).usingRecursiveComparison().isEqualTo(slow.get());
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        List<String> names = new ArrayList<>(tableNames());
        Set<String> flags = new HashSet<>(McpArgs.FLAGS.keySet());
        flags.addAll(ConnectionOptions.FLAGS.keySet());
        // Mostly well-formed options (so most lines reach the comparison), some of everything else.
        Arbitrary<String> goodValue = Arbitraries.of("1", "42", "+5", "007", "/tmp/d", "x", "a=b", "postgresql://u:p@h:1/db", "2025-05");
        Arbitrary<List<String>> wellFormed = Combinators.combine(Arbitraries.of(names), goodValue, Arbitraries.of(true, false))
                .as((name, v, separate) -> flags.contains(name) ? List.of(name) : separate ? List.of(name, v) : List.of(name + "=" + v));
        List<String> anyName = new ArrayList<>(names);
        anyName.addAll(List.of("--http-allow-host", "--help", "--bogus", "positional"));
        Arbitrary<String> anyValue = Arbitraries.of("1", "0", "-1", "99999999999", "x", "", "a=b", "-x", "@f", "--read-only", "/tmp/d");
        Arbitrary<List<String>> chaos = Combinators.combine(Arbitraries.of(anyName), anyValue, Arbitraries.integers().between(0, 2))
                .as((name, v, form) -> form == 0 ? List.of(name) : form == 1 ? List.of(name, v) : List.of(name + "=" + v));
        Arbitrary<List<String>> one = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, wellFormed), net.jqwik.api.Tuple.of(1, chaos));
        return one.list().ofMaxSize(6).map(parts -> parts.stream().flatMap(List::stream).toList());
    }
}
