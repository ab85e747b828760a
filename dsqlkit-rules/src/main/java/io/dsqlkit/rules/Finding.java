package io.dsqlkit.rules;

import java.util.Optional;

/**
 * The one view of a {@link Diagnostic} that every surface renders from: the CLI's text, json, sarif and
 * github formats, the MCP lint tool and its refusals, {@code migrate plan} and the schema planner. It adds
 * what each surface would otherwise work out for itself: where the span ends (1-based line, and the
 * column of the char after the span: the SARIF convention), whether the fix applies, what to say
 * about the fix, and the rule's evidence.
 */
public record Finding(Diagnostic diagnostic, int endLine, int endColumn) {

    /** The view of {@code d}, a diagnostic of {@code text} (the text its offsets point into). */
    public static Finding of(String text, Diagnostic d) {
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

    /** The rule offers a fix or says why it has none. */
    public boolean hasFix() {
        return diagnostic.fix() != null;
    }

    /** {@code --fix} (and the MCP lint tool's fix) can apply this finding's fix. */
    public boolean fixable() {
        return diagnostic.fix() != null && diagnostic.fix().isFixable();
    }

    /** The fix in one line: its description when it applies, the rule's reason when it cannot, null without a fix. */
    public String fixText() {
        if (diagnostic.fix() == null) return null;
        return fixable() ? diagnostic.fix().description() : diagnostic.fix().unfixableReason();
    }

    /** Why this finding is not fixed automatically: the rule's reason, or that the rule has no fix; null when fixable. */
    public String unfixableReason() {
        if (fixable()) return null;
        if (diagnostic.fix() != null && diagnostic.fix().unfixableReason() != null) return diagnostic.fix().unfixableReason();
        return "no automatic fix for " + diagnostic.ruleId();
    }

    /** How we know DSQL behaves this way (null for findings of no catalog rule, e.g. unterminated-token). */
    public Optional<Evidence> evidence() {
        return RuleCatalog.byId(diagnostic.ruleId()).map(Rule::evidence);
    }

    /** {@code message [rule, SQLSTATE x]}: the finding in one line, for lists of problems. */
    public String summary() {
        return diagnostic.message() + " [" + diagnostic.ruleId()
                + (diagnostic.sqlstate() == null ? "" : ", SQLSTATE " + diagnostic.sqlstate()) + "]";
    }
}
