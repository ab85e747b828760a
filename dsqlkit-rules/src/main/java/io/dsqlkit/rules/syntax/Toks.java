package io.dsqlkit.rules.syntax;

import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * Index-based helpers over a statement's significant tokens (no trivia, no terminating semicolon).
 * Every accessor is bounds-safe so rules never throw on truncated input.
 */
public final class Toks {
    private final List<Token> tokens;

    public Toks(List<Token> tokens) {
        this.tokens = tokens;
    }

    public int size() {
        return tokens.size();
    }

    public List<Token> list() {
        return tokens;
    }

    /** The token at {@code i}, or null when out of range. */
    public Token at(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    /** True when the token at {@code i} is an unquoted identifier equal to one of {@code keywords}. */
    public boolean kw(int i, String... keywords) {
        Token t = at(i);
        return t != null && t.isAnyKeyword(keywords);
    }

    /** True when the tokens starting at {@code i} are exactly the given keywords. */
    public boolean kwSeq(int i, String... keywords) {
        for (int k = 0; k < keywords.length; k++) if (!kw(i + k, keywords[k])) return false;
        return true;
    }

    public boolean is(int i, TokenType type) {
        return Tokens.isType(tokens, i, type);
    }

    /** An identifier or quoted identifier (a name position). */
    public boolean isName(int i) {
        return Tokens.isName(tokens, i);
    }

    /**
     * The index of the parenthesis closing the one at {@code open}; the last index when it is never
     * closed (the lexer does not balance parentheses, so neither may we assume balance).
     */
    public int closing(int open) {
        int close = Tokens.close(tokens, open);
        return close < 0 ? tokens.size() - 1 : close;
    }

    /** Skips a parenthesised group starting at {@code i} if there is one; returns the next index. */
    public int skipParens(int i) {
        return is(i, TokenType.LPAREN) ? closing(i) + 1 : i;
    }

    /**
     * Splits {@code [from, to)} at commas outside parentheses and brackets. Returns half-open
     * {@code [start, end)} ranges; an empty range list for an empty input.
     */
    public List<int[]> splitTopLevel(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        for (Range r : Tokens.splitTopLevel(tokens, from, to)) parts.add(new int[] {r.from(), r.to()});
        return parts;
    }

    /** First index in {@code [from, to)} at parenthesis depth 0 holding one of the keywords, or -1. */
    public int findTopLevel(int from, int to, String... keywords) {
        int depth = 0;
        for (int i = from; i < Math.min(to, tokens.size()); i++) {
            TokenType t = tokens.get(i).type();
            if (t == TokenType.LPAREN || t == TokenType.LBRACKET) depth++;
            else if (t == TokenType.RPAREN || t == TokenType.RBRACKET) depth = Math.max(0, depth - 1);
            else if (depth == 0 && tokens.get(i).isAnyKeyword(keywords)) return i;
        }
        return -1;
    }

    /**
     * Skips a possibly qualified name ({@code a}, {@code a.b}, {@code "A".b.c}) starting at
     * {@code i}; returns the index after it (== i when there is no name).
     */
    public int skipQualifiedName(int i) {
        int end = Tokens.skipQualifiedName(tokens, i);
        return end < 0 ? i : end;
    }

    /** The source text from the start of token {@code from} to the end of token {@code to} (inclusive). */
    public String text(String source, int from, int to) {
        if (from > to || at(from) == null || at(to) == null) return "";
        return source.substring(tokens.get(from).offset(), tokens.get(to).end());
    }

    /** The folded name of token {@code i} (lower-cased unquoted, unquoted quoted). */
    public String nameValue(int i) {
        Token t = at(i);
        return t == null ? "" : t.identifierValue();
    }
}
