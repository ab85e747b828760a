package io.dsqlkit.sql;

/**
 * A half-open range {@code [start, end)} of indexes into a token list (usually a statement's
 * significant tokens, as {@link TokenCursor} sees them).
 */
public record TokenRange(int start, int end) {

    public TokenRange {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad token range [" + start + ", " + end + ")");
    }

    public int size() {
        return end - start;
    }

    public boolean isEmpty() {
        return end == start;
    }

    /** This range without its first and last token: the inside of a parenthesised group. */
    public TokenRange inner() {
        return size() < 2 ? new TokenRange(start, start) : new TokenRange(start + 1, end - 1);
    }
}
