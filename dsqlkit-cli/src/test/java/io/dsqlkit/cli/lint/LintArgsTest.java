package io.dsqlkit.cli.lint;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The picocli-free {@code dsqlkit lint} parser against picocli's own parse of the same command line. */
class LintArgsTest {
    /** The options LintArgs leaves to picocli alone. */
    private static final Set<String> LEFT_TO_PICOCLI = Set.of("-h", "--help", "-V", "--version");

    private static Optional<LintCommand> picocli(List<String> args) {
        LintCommand c = new LintCommand();
        try {
            CommandLine cl = new CommandLine(c);
            cl.setCaseInsensitiveEnumValuesAllowed(true); // as DsqlkitCommand sets it
            cl.parseArgs(args.toArray(String[]::new));
            return Optional.of(c);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
    }

    private static void assertSameCommand(LintCommand fast, LintCommand slow, List<String> line) {
        assertThat(fast.paths).as(line.toString()).isEqualTo(slow.paths);
        assertThat(fast.fix).as(line.toString()).isEqualTo(slow.fix);
        assertThat(fast.profile).as(line.toString()).isEqualTo(slow.profile);
        assertThat(fast.format).as(line.toString()).isEqualTo(slow.format);
    }

    @Test
    void theTablesNameEveryOptionPicocliKnowsAndNoOther() {
        Set<String> picocliNames = new CommandLine(new LintCommand()).getCommandSpec().options().stream()
                .flatMap(o -> List.of(o.names()).stream()).collect(Collectors.toSet());
        Set<String> known = new HashSet<>(LintArgs.VALUED);
        known.addAll(LintArgs.FLAGS);
        known.addAll(LEFT_TO_PICOCLI);
        assertThat(known).containsExactlyInAnyOrderElementsOf(picocliNames);
    }

    @Test
    void plainCommandLinesAreParsedHereExactlyAsPicocliDoes() {
        List<List<String>> lines = List.of(
                List.of("db/migrations"), List.of("a.sql", "b.sql"), List.of("-"), List.of("--fix", "a.sql"),
                List.of("a.sql", "--fix"), List.of("--profile", "2025-05", "a.sql"), List.of("--profile=2026-09", "a.sql"),
                List.of("--format", "json", "db"), List.of("--format=SARIF", "db"), List.of("--format", "github", "--fix", "x.sql"),
                List.of("--fix", "-", "--format", "text"), List.of("a=b.sql"));
        for (List<String> line : lines) {
            Optional<LintCommand> fast = LintArgs.parse(line.toArray(String[]::new));
            assertThat(fast).as(line.toString()).isPresent();
            assertSameCommand(fast.get(), picocli(line).orElseThrow(), line);
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        List<List<String>> lines = List.of(List.of("--help"), List.of("-h"), List.of("--version"), List.of("--", "a.sql"),
                List.of("@args.txt"), List.of("--fix", "--fix", "a.sql"), List.of("--fix=true", "a.sql"), List.of("--profile"),
                List.of("--profile", "1999-01", "a.sql"), List.of("--format", "xml", "a.sql"), List.of("--format", "-x"),
                List.of("--unknown", "a.sql"), List.of("-x"), List.of("--fix", "-", "--format", "json"));
        for (List<String> line : lines) assertThat(LintArgs.parse(line.toArray(String[]::new))).as(line.toString()).isEmpty();
    }

    @Property(tries = 500)
    void whatIsParsedHereIsWhatPicocliParses(@ForAll("lines") List<String> line) {
        Optional<LintCommand> fast = LintArgs.parse(line.toArray(String[]::new));
        Statistics.label("parsed here").collect(fast.isPresent());
        Statistics.label("parsed here").coverage(c -> c.check(true).percentage(p -> p >= 10));
        if (fast.isEmpty()) return;
        Optional<LintCommand> slow = picocli(line);
        assertThat(slow).as(line + " parsed here but refused by picocli").isPresent();
        assertSameCommand(fast.get(), slow.get(), line);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        // Units a plain command line is made of (an option with its value is one unit), and odd tokens mixed in.
        Arbitrary<List<String>> plain = Arbitraries.of(List.of("a.sql"), List.of("dir"), List.of("-"), List.of("x y.sql"),
                List.of("--fix"), List.of("--profile", "2025-05"), List.of("--profile", "2026-09"), List.of("--format", "json"),
                List.of("--format", "SARIF"), List.of("--format=github"), List.of("--profile=2025-05"), List.of("--format", "Text"));
        Arbitrary<List<String>> odd = Arbitraries.of("--profile", "bogus", "--format", "--format=", "--", "-h", "@f", "--fix=true",
                "-V", "--nope", "-x", "2025-05", "json").map(List::of);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, plain), net.jqwik.api.Tuple.of(1, odd)).list().ofMinSize(1).ofMaxSize(5)
                .map(units -> units.stream().flatMap(List::stream).toList());
    }
}
