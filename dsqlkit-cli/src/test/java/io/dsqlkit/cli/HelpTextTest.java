package io.dsqlkit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command and option of {@code dsqlkit} has a description, and none is cut mid-sentence:
 * picocli prints each description element on its own line and shows only the first one in the
 * parent's command list, so an element that stops at a comma (or at "e.g.") reads as a fragment.
 */
class HelpTextTest {
    /** Ends a sentence (or a heading): a period, question or exclamation mark, or a colon. */
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?:]\\)?$", Pattern.DOTALL);
    /** Ends where a sentence cannot: a separator, an opening bracket or an abbreviation that needs more words. */
    private static final Pattern CUT = Pattern.compile(".*([,;(\\-&]|\\b(e\\.g|i\\.e|cf|vs|incl)\\.|\\b(and|or|the|a|an|of|to|with|under|in|for|by))$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    @Test
    void everyCommandAndOptionHasAWholeSentenceDescription() {
        List<String> problems = new ArrayList<>();
        walk(DsqlkitCommand.commandLine(), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void theRuleCatchesCutTexts() {
        List<String> problems = new ArrayList<>();
        checkLines("x", new String[] {"Bulk-load CSV under DSQL's limits (rows and bytes),", "on N connections."}, problems);
        checkLines("y", new String[] {"Options, e.g."}, problems);
        checkLines("z", new String[] {"Run an UPDATE in chunks under DSQL's transaction limits", "(3,000 rows)."}, problems);
        assertThat(problems).hasSize(3);
        List<String> none = new ArrayList<>();
        checkLines("ok", new String[] {"Run a batch.", "Each chunk commits on its own"}, none);
        assertThat(none).isEmpty();
    }

    private static void walk(CommandLine cl, List<String> problems) {
        CommandSpec spec = cl.getCommandSpec();
        String name = spec.qualifiedName();
        String[] summary = spec.usageMessage().header().length > 0 ? spec.usageMessage().header() : spec.usageMessage().description();
        if (summary.length == 0 || summary[0].isBlank()) problems.add(name + ": no description");
        else if (!summary[0].strip().matches(".*[.!?]\\)?$")) {
            problems.add(name + ": the summary shown in the command list is not a whole sentence: \"" + summary[0] + "\"");
        }
        checkLines(name, spec.usageMessage().description(), problems);
        checkLines(name + " (header)", spec.usageMessage().header(), problems);
        for (OptionSpec o : spec.options()) check(name + " " + o.longestName(), o, problems);
        for (ArgSpec p : spec.positionalParameters()) check(name + " " + p.paramLabel(), p, problems);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == spec) walk(sub, problems);
        }
    }

    private static void check(String what, ArgSpec arg, List<String> problems) {
        if (arg.hidden()) return;
        String[] d = arg.description();
        if (d.length == 0 || String.join("", d).isBlank()) {
            problems.add(what + ": no description");
            return;
        }
        checkLines(what, d, problems);
    }

    /** Every line but the last must end a sentence; no line may end where a sentence cannot. */
    static void checkLines(String what, String[] lines, List<String> problems) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) continue;
            if (CUT.matcher(l).matches()) problems.add(what + ": line " + (i + 1) + " is cut mid-sentence: \"" + l + "\"");
            else if (i < lines.length - 1 && !SENTENCE_END.matcher(l).matches()) {
                problems.add(what + ": line " + (i + 1) + " does not end a sentence but the text goes on in the next line: \"" + l + "\"");
            }
        }
    }
}
