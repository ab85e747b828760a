package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Finding;
import java.util.List;

/**
 * What linting one input gave: its findings over {@code text} (the text as it is now, i.e. after
 * --fix rewrote it), or the {@code problem} that kept it from being linted (missing, binary,
 * not UTF-8, unreadable).
 *
 * @param fixesApplied findings resolved by --fix in this input
 * @param rewritten    whether --fix changed the input (a file rewritten, or different SQL on stdout)
 */
record FileOutcome(LintInput input, String text, List<Finding> findings, String problem, int fixesApplied,
                   boolean rewritten) {

    FileOutcome {
        findings = List.copyOf(findings);
    }

    static FileOutcome failed(LintInput input, String problem) {
        return new FileOutcome(input, "", List.of(), problem, 0, false);
    }

    boolean linted() {
        return problem == null;
    }
}
