package io.dsqlkit.rules;

/**
 * One finding. {@code message} is the exact text DSQL returns (for ERROR), {@code sqlstate} its
 * SQLSTATE. The span is absolute in the linted text; line/column are 1-based.
 *
 * @param fix a fix, an unfixable marker with its reason, or null when the rule offers none
 */
public record Diagnostic(String ruleId, Severity severity, String sqlstate, String message, String help,
                         int offset, int length, int line, int column, Fix fix) {

    public int end() {
        return offset + length;
    }
}
