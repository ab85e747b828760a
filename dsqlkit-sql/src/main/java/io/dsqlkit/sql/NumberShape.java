package io.dsqlkit.sql;

import java.util.Arrays;
import java.util.List;

/**
 * A SQL text with its standalone decimal integers masked: {@code WHERE aid = 12345} and
 * {@code WHERE aid = 678} have the same shape. {@link ScriptSplitter#split} does not depend on the
 * digits of such an integer, only on where it stands, so the statements of one text of a shape give
 * the statements of every other text of that shape by {@link #instantiate}, without lexing: the
 * result equals {@code ScriptSplitter.split(sql)} exactly (tokens, offsets, lines, columns,
 * category, kind), which the property tests check.
 *
 * <p>Only texts where that is plainly true have a shape: no quote, dollar, backslash or comment
 * anywhere (so no digit hides in a string, a parameter or a comment), and no marker character. A
 * masked integer is a maximal digit run with no identifier character, digit or dot on either side
 * (so not part of a name, a decimal, an exponent's mantissa, {@code 1_000} or {@code 0x1F}) and not
 * starting with {@code 0} (the classifier reads {@code EXPLAIN (ANALYZE 0)}).
 */
public final class NumberShape {
    /** Stands for a masked integer in {@link #key()}; texts containing it have no shape. */
    private static final char MARK = '\u0001';

    private final String sql;
    private final String key;
    /** Start and end offsets of the masked integers, in pairs, in text order. */
    private final int[] runs;

    private NumberShape(String sql, String key, int[] runs) {
        this.sql = sql;
        this.key = key;
        this.runs = runs;
    }

    /** The shape of {@code sql}, or null when it has none or masks nothing. */
    public static NumberShape of(String sql) {
        int n = sql.length();
        StringBuilder key = null;
        int[] runs = new int[8];
        int count = 0;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'', '"', '$', '\\', MARK -> {
                    return null;
                }
                case '-', '/' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == (c == '-' ? '-' : '*')) return null;
                }
                case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    if (i > 0 && isNumberNeighbour(sql.charAt(i - 1))) continue;
                    int end = i + 1;
                    while (end < n && Lexer.isDigit(sql.charAt(end))) end++;
                    if (end < n && isNumberNeighbour(sql.charAt(end))) {
                        i = end - 1;
                        continue;
                    }
                    if (key == null) key = new StringBuilder(n);
                    key.append(sql, copied, i).append(MARK);
                    copied = end;
                    if (count + 2 > runs.length) runs = Arrays.copyOf(runs, runs.length * 2);
                    runs[count++] = i;
                    runs[count++] = end;
                    i = end - 1;
                }
                default -> { }
            }
        }
        if (key == null) return null;
        key.append(sql, copied, n);
        return new NumberShape(sql, key.toString(), Arrays.copyOf(runs, count));
    }

    private static boolean isNumberNeighbour(char c) {
        return Lexer.isIdentStart(c) || Lexer.isDigit(c) || c == '.';
    }

    /** Equal for texts of the same shape, different otherwise. */
    public String key() {
        return key;
    }

    /**
     * Whether {@code other} has this shape ({@code NumberShape.of(other)} has this {@link #key()}), found in one pass
     * without building its key: it has this text's characters outside the masked integers and a digit run starting
     * with 1-9 in place of each. (Such a run is masked in {@code other} too: its neighbours are this text's, and the
     * shape's other characters, unmasked digits included, are the same.)
     */
    public boolean matches(String other) {
        return runsIn(other) != null;
    }

    /**
     * Where the masked integers stand in {@code other}, a text that {@link #matches} this shape: start and end offsets
     * in pairs, in text order; null when it does not match.
     */
    public int[] runsIn(String other) {
        int m = other.length();
        int[] found = null; // made once the text starts as this one: most texts tried do not
        int i = 0;
        int j = 0;
        for (int r = 0; r < runs.length; r += 2) {
            int len = runs[r] - i;
            if (j + len >= m || !sql.regionMatches(i, other, j, len)) return null;
            j += len;
            char first = other.charAt(j);
            if (first < '1' || first > '9') return null;
            if (found == null) found = new int[runs.length];
            found[r] = j;
            j++;
            while (j < m && Lexer.isDigit(other.charAt(j))) j++;
            found[r + 1] = j;
            i = runs[r + 1];
        }
        int rest = sql.length() - i;
        return m - j == rest && sql.regionMatches(i, other, j, rest) ? found : null;
    }

    /** Whether a masked integer starts at {@code offset} of the text. */
    public boolean masksAt(int offset) {
        for (int i = 0; i < runs.length && runs[i] <= offset; i += 2) {
            if (runs[i] == offset) return true;
        }
        return false;
    }

    /** How many integers are masked. */
    public int maskedCount() {
        return runs.length / 2;
    }

    /** Start and end offsets of the masked integers, in pairs (for tests). */
    int[] runs() {
        return runs.clone();
    }

    /** The text this shape was taken from. */
    public String sql() {
        return sql;
    }

    /**
     * The statements of this shape's text, given {@code template}: the statements of {@code of}, a
     * text with the same {@link #key()} ({@code ScriptSplitter.split(of.sql())}).
     */
    public List<Statement> instantiate(NumberShape of, List<Statement> template) {
        if (!key.equals(of.key)) throw new IllegalArgumentException("different shapes");
        Statement[] out = new Statement[template.size()];
        Remap remap = new Remap(of.runs, runs);
        for (int s = 0; s < out.length; s++) {
            Statement st = template.get(s);
            List<Token> tokens = st.tokens();
            Token[] rebuilt = new Token[tokens.size()];
            for (int t = 0; t < rebuilt.length; t++) rebuilt[t] = remap.token(tokens.get(t), sql);
            int start = rebuilt[0].offset();
            int end = rebuilt[rebuilt.length - 1].end();
            List<Token> own = List.of(rebuilt);
            out[s] = namedAfterNumber(st)
                    ? reclassified(sql.substring(start, end), start, own, st.terminated())
                    : new Statement(sql.substring(start, end), start, own, st.category(), st.kind(), st.terminated());
        }
        return List.of(out);
    }

    /**
     * The classifier names an unknown statement after its first token, which may be a masked integer (then
     * the kind has digits; keywords never do): such a statement is classified again.
     */
    private static boolean namedAfterNumber(Statement st) {
        String kind = st.kind();
        for (int i = 0; i < kind.length(); i++) if (Lexer.isDigit(kind.charAt(i))) return true;
        return false;
    }

    private static Statement reclassified(String text, int offset, List<Token> tokens, boolean terminated) {
        List<Token> significant = new java.util.ArrayList<>();
        for (Token t : tokens) if (!t.isTrivia() && t.type() != TokenType.SEMICOLON) significant.add(t);
        StatementClassifier.Classification c = StatementClassifier.classify(significant);
        return new Statement(text, offset, tokens, c.category(), c.kind(), terminated);
    }

    /** Moves tokens of one text to the same place in another text of its shape, walking forwards. */
    private static final class Remap {
        private final int[] from;
        private final int[] to;
        /** Masked integers passed so far, and the length they added (may be negative). */
        private int passed;
        private int delta;
        /** The delta where the current line starts (columns count from there). */
        private int lineDelta;
        private int line = 1;

        Remap(int[] from, int[] to) {
            this.from = from;
            this.to = to;
        }

        /** An offset of the template text that is not inside a masked integer, in the new text. */
        int position(int offset) {
            while (passed < from.length && from[passed + 1] <= offset) {
                delta += (to[passed + 1] - to[passed]) - (from[passed + 1] - from[passed]);
                passed += 2;
            }
            return offset + delta;
        }

        Token token(Token old, String sql) {
            if (old.line() != line) {
                // The line started inside the previous token, which holds no masked integer.
                line = old.line();
                lineDelta = delta;
            }
            int start = position(old.offset());
            int column = old.column() + delta - lineDelta;
            int before = passed;
            int end = position(old.end());
            boolean masked = passed != before;
            if (!masked && start == old.offset() && column == old.column()) return old;
            String text = masked ? sql.substring(start, end) : old.text();
            return new Token(old.type(), text, start, old.line(), column, old.unterminated());
        }
    }
}
