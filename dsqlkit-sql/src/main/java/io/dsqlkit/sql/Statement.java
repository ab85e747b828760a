package io.dsqlkit.sql;

import java.util.List;

/**
 * One statement of a script. {@code text} covers the script from the end of the previous statement
 * through this statement's terminating semicolon (inclusive), so concatenating the texts of all
 * statements of {@link ScriptSplitter#split} gives back the script exactly. {@code tokens} are all
 * tokens of that range (with trivia); offsets are absolute in the script.
 *
 * @param kind the statement kind in upper case with single spaces, e.g. {@code CREATE INDEX},
 *             {@code ALTER TABLE}, {@code SELECT}, {@code SET}, {@code BEGIN}; empty for EMPTY
 */
public record Statement(String text, int offset, List<Token> tokens, StatementCategory category, String kind,
                        boolean terminated) {

    public Statement {
        tokens = List.copyOf(tokens);
    }

    /** Tokens that are not whitespace or comments, excluding the terminating semicolon. */
    public List<Token> significant() {
        // a loop, not a stream: this runs for every statement the linter, the guards and the gateway look at
        int n = 0;
        for (Token t : tokens) if (!t.isTrivia() && t.type() != TokenType.SEMICOLON) n++;
        Token[] out = new Token[n];
        n = 0;
        for (Token t : tokens) if (!t.isTrivia() && t.type() != TokenType.SEMICOLON) out[n++] = t;
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
    }

    /** A {@link TokenCursor} over {@link #significant()}. */
    public TokenCursor cursor() {
        return TokenCursor.of(this);
    }

    public int end() {
        return offset + text.length();
    }

    /** The first significant token, or null for an EMPTY statement. */
    public Token first() {
        for (Token t : tokens) if (!t.isTrivia() && t.type() != TokenType.SEMICOLON) return t;
        return null;
    }

    /** The statement text without leading/trailing trivia and without the terminating semicolon. */
    public String sql() {
        List<Token> s = significant();
        if (s.isEmpty()) return "";
        return text.substring(s.get(0).offset() - offset, s.get(s.size() - 1).end() - offset);
    }
}
