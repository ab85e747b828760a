package io.dsqlkit.rules;

import java.util.Arrays;

/** Builds diagnostics with line/column computed from the source text. */
public final class Diagnostics {
    /**
     * Line starts of the last source seen on this thread. Rules report many findings over one
     * source; scanning from offset 0 for each made linting quadratic in file size (a 1 MiB
     * migration with a few hundred findings spent most of its time here).
     */
    private static final ThreadLocal<LineIndex> LAST = new ThreadLocal<>();

    private Diagnostics() {}

    public static Diagnostic of(Rule rule, String source, int offset, int length, String message, Fix fix) {
        int[] starts = lineStarts(source);
        int stop = Math.min(Math.max(offset, 0), source.length());
        int idx = Arrays.binarySearch(starts, stop);
        int lineIdx = idx >= 0 ? idx : -idx - 2;
        int line = lineIdx + 1;
        int col = stop - starts[lineIdx] + 1;
        return new Diagnostic(rule.id(), rule.severity(), rule.sqlstate(), message, rule.help(), offset, length, line, col, fix);
    }

    private record LineIndex(String source, int[] starts) {}

    private static int[] lineStarts(String source) {
        LineIndex last = LAST.get();
        if (last != null && last.source() == source) return last.starts();
        int count = 1;
        for (int i = 0; i < source.length(); i++) if (source.charAt(i) == '\n') count++;
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < source.length(); i++) if (source.charAt(i) == '\n') starts[k++] = i + 1;
        LAST.set(new LineIndex(source, starts));
        return starts;
    }
}
