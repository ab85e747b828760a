package io.dsqlkit.rules.syntax;

/** A half-open range {@code [from, to)} of indexes into a list of significant tokens. */
public record Range(int from, int to) {
    public Range {
        if (from < 0 || to < from) throw new IllegalArgumentException("bad range " + from + ".." + to);
    }

    public boolean isEmpty() {
        return from == to;
    }

    public int size() {
        return to - from;
    }
}
