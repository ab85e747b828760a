package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Finding;
import io.dsqlkit.rules.Severity;

/** Counts over all inputs, and the exit code they give. */
final class LintSummary {
    static final int EXIT_CLEAN = 0;
    static final int EXIT_FINDINGS = 1;
    static final int EXIT_USAGE_OR_IO = 2;

    private int linted;
    private int notLinted;
    private int errors;
    private int warnings;
    private int fixable;
    private int fixesApplied;
    private int rewritten;

    void add(FileOutcome o) {
        if (!o.linted()) {
            notLinted++;
            return;
        }
        linted++;
        fixesApplied += o.fixesApplied();
        if (o.rewritten()) rewritten++;
        for (Finding f : o.findings()) {
            if (f.diagnostic().severity() == Severity.ERROR) errors++;
            else warnings++;
            if (f.fixable()) fixable++;
        }
    }

    /** Something was not linted: 2. An ERROR finding: 1. Warnings alone (or nothing): 0. */
    int exitCode() {
        if (notLinted > 0 || linted == 0) return EXIT_USAGE_OR_IO;
        return errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
    }

    int linted() {
        return linted;
    }

    int notLinted() {
        return notLinted;
    }

    int findings() {
        return errors + warnings;
    }

    int errors() {
        return errors;
    }

    int warnings() {
        return warnings;
    }

    int fixable() {
        return fixable;
    }

    int fixesApplied() {
        return fixesApplied;
    }

    int rewritten() {
        return rewritten;
    }
}
