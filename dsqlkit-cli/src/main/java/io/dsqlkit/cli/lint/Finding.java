package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Diagnostic;

/**
 * A diagnostic with where its span ends (1-based line, column of the char after the span: the
 * SARIF convention), computed once from the linted text for every output format.
 */
record Finding(Diagnostic diagnostic, int endLine, int endColumn) {

    static Finding of(String text, Diagnostic d) {
        int line = d.line();
        int column = d.column();
        int stop = Math.min(d.end(), text.length());
        for (int i = Math.min(d.offset(), stop); i < stop; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Finding(d, line, column);
    }

    boolean fixable() {
        return diagnostic.fix() != null && diagnostic.fix().isFixable();
    }

    /** Why this finding is not fixed by --fix: the rule's reason, or that the rule has no fix. */
    String unfixableReason() {
        if (fixable()) return null;
        if (diagnostic.fix() != null && diagnostic.fix().unfixableReason() != null) return diagnostic.fix().unfixableReason();
        return "no automatic fix for " + diagnostic.ruleId();
    }
}
