package io.dsqlkit.rules;

/** Builds diagnostics with line/column computed from the source text. */
public final class Diagnostics {
    private Diagnostics() {}

    public static Diagnostic of(Rule rule, String source, int offset, int length, String message, Fix fix) {
        int line = 1, col = 1;
        int stop = Math.min(offset, source.length());
        for (int i = 0; i < stop; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Diagnostic(rule.id(), rule.severity(), rule.sqlstate(), message, rule.help(), offset, length, line, col, fix);
    }
}
