package io.dsqlkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A read position over a statement's significant tokens (no whitespace or comments), for rules that
 * recognise statement shapes without a full parser. Keyword tests compare unquoted identifiers
 * ignoring case, so a quoted {@code "index"} is never the key word INDEX and a string {@code 'TRUNCATE'}
 * never a key word at all. Brackets: {@code (} and {@code [} open, {@code )} and {@code ]} close;
 * "depth 0" means not inside a bracket opened after the starting point.
 *
 * <p>Nothing here throws on odd input: reads past the end return null, unbalanced groups extend to
 * the end of the tokens.
 */
public final class TokenCursor {
    private final List<Token> tokens;
    private int pos;

    /** A cursor at the first of {@code tokens}, which should be significant tokens (trivia is not skipped). */
    public TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** A cursor over {@link Statement#significant()}. */
    public static TokenCursor of(Statement statement) {
        return new TokenCursor(statement.significant());
    }

    public List<Token> tokens() {
        return tokens;
    }

    public int size() {
        return tokens.size();
    }

    public Token get(int index) {
        return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
    }

    public int position() {
        return pos;
    }

    /** Moves to {@code position}, clamped to {@code [0, size]}. */
    public void seek(int position) {
        pos = Math.max(0, Math.min(position, tokens.size()));
    }

    public boolean atEnd() {
        return pos >= tokens.size();
    }

    /** The current token, or null at the end. */
    public Token peek() {
        return get(pos);
    }

    /** The token {@code ahead} places after the current one (0 = current), or null. */
    public Token peek(int ahead) {
        return get(pos + ahead);
    }

    /** The current token, advancing past it; null (without moving) at the end. */
    public Token next() {
        Token t = get(pos);
        if (t != null) pos++;
        return t;
    }

    /** The token just before the position (the last one consumed), or null at the start. */
    public Token previous() {
        return get(pos - 1);
    }

    public boolean is(TokenType type) {
        Token t = peek();
        return t != null && t.type() == type;
    }

    public boolean isKeyword(String keyword) {
        Token t = peek();
        return t != null && t.isKeyword(keyword);
    }

    public boolean isAnyKeyword(String... keywords) {
        Token t = peek();
        return t != null && t.isAnyKeyword(keywords);
    }

    /** True when the tokens at the position are the key words {@code keywords} in order; consumes nothing. */
    public boolean lookingAt(String... keywords) {
        return keywordsAt(tokens, pos, keywords);
    }

    /** Consumes {@code keyword} if it is next. */
    public boolean matchKeyword(String keyword) {
        return acceptKeyword(keyword) != null;
    }

    /** Consumes the whole key word sequence if it is next, otherwise nothing. */
    public boolean matchKeywords(String... keywords) {
        if (!lookingAt(keywords)) return false;
        pos += keywords.length;
        return true;
    }

    /** Consumes and returns {@code keyword} if it is next, else null. */
    public Token acceptKeyword(String keyword) {
        Token t = peek();
        if (t == null || !t.isKeyword(keyword)) return null;
        pos++;
        return t;
    }

    /** Consumes and returns the next token if it is any of {@code keywords}, else null. */
    public Token acceptAnyKeyword(String... keywords) {
        Token t = peek();
        if (t == null || !t.isAnyKeyword(keywords)) return null;
        pos++;
        return t;
    }

    /** Consumes and returns the next token if it has {@code type}, else null. */
    public Token accept(TokenType type) {
        Token t = peek();
        if (t == null || t.type() != type) return null;
        pos++;
        return t;
    }

    public boolean match(TokenType type) {
        return accept(type) != null;
    }

    /**
     * At {@code (} or {@code [}: consumes through the matching close and returns the group's range,
     * brackets included. Returns null (consuming nothing) when not at an opening bracket. An unclosed
     * group extends to the end.
     */
    public TokenRange skipGroup() {
        Token t = peek();
        if (t == null || !isOpen(t)) return null;
        int start = pos;
        pos = groupEnd(tokens, pos);
        return new TokenRange(start, pos);
    }

    /** Consumes the rest of the tokens, returning their range. */
    public TokenRange rest() {
        TokenRange r = new TokenRange(pos, tokens.size());
        pos = tokens.size();
        return r;
    }

    /**
     * Consumes tokens up to (not including) the first depth-0 occurrence of any of {@code keywords},
     * or to the end of the current group or of the tokens; returns the range consumed.
     */
    public TokenRange skipUntilKeyword(String... keywords) {
        int start = pos;
        int i = indexOfKeyword(tokens, pos, tokens.size(), keywords);
        pos = i >= 0 ? i : levelEnd(tokens, pos, tokens.size());
        return new TokenRange(start, pos);
    }

    /** Index of the first depth-0 occurrence of any of {@code keywords} at or after the position, or -1. */
    public int findKeyword(String... keywords) {
        return indexOfKeyword(tokens, pos, tokens.size(), keywords);
    }

    /** Index of the first depth-0 start of the key word sequence at or after the position, or -1. */
    public int findKeywords(String... sequence) {
        return indexOfKeywords(tokens, pos, tokens.size(), sequence);
    }

    /** Index of the first depth-0 token of {@code type} at or after the position, or -1 (see {@link #indexOf}). */
    public int find(TokenType type) {
        return indexOf(tokens, pos, tokens.size(), type);
    }

    /**
     * Reads {@code name}, {@code schema.name} or longer dotted names of identifiers / quoted
     * identifiers. Returns null, consuming nothing, when no name is next.
     */
    public QualifiedName readQualifiedName() {
        Token t = peek();
        if (!isName(t)) return null;
        List<Token> parts = new ArrayList<>(2);
        parts.add(t);
        pos++;
        while (is(TokenType.DOT) && isName(peek(1))) {
            parts.add(peek(1));
            pos += 2;
        }
        return new QualifiedName(parts);
    }

    /** The tokens of {@code range}. */
    public List<Token> slice(TokenRange range) {
        return tokens.subList(Math.min(range.start(), tokens.size()), Math.min(range.end(), tokens.size()));
    }

    /** A new cursor over the tokens of {@code range} (indexes in it restart at 0). */
    public TokenCursor sub(TokenRange range) {
        return new TokenCursor(slice(range));
    }

    /**
     * The items of a bracketed group (as returned by {@link #skipGroup()}): its inside split at depth-0
     * commas. {@code ()} has no items; {@code (a,)} has an empty last item.
     */
    public List<TokenRange> groupItems(TokenRange group) {
        TokenRange inner = group.size() >= 2 && isClose(get(group.end() - 1))
                ? group.inner() : new TokenRange(Math.min(group.start() + 1, group.end()), group.end());
        if (inner.isEmpty()) return new ArrayList<>();
        return splitAtCommas(inner);
    }

    /** {@code range} split at depth-0 commas (the commas belong to no item). */
    public List<TokenRange> splitAtCommas(TokenRange range) {
        List<TokenRange> items = new ArrayList<>();
        int depth = 0;
        int itemStart = range.start();
        int end = Math.min(range.end(), tokens.size());
        for (int i = range.start(); i < end; i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) depth++;
            else if (isClose(t)) depth = Math.max(0, depth - 1);
            else if (depth == 0 && t.type() == TokenType.COMMA) {
                items.add(new TokenRange(itemStart, i));
                itemStart = i + 1;
            }
        }
        items.add(new TokenRange(itemStart, end));
        return items;
    }

    // ---- static helpers over any token list ----

    /** True when {@code keywords} appear in order starting at {@code index}. */
    public static boolean keywordsAt(List<Token> tokens, int index, String... keywords) {
        if (index < 0 || index + keywords.length > tokens.size()) return false;
        for (int k = 0; k < keywords.length; k++) {
            if (!tokens.get(index + k).isKeyword(keywords[k])) return false;
        }
        return true;
    }

    /**
     * Index in {@code [from, to)} of the first depth-0 token that is any of {@code keywords}, or -1.
     * The search stops at a bracket closing a group opened before {@code from}.
     */
    public static int indexOfKeyword(List<Token> tokens, int from, int to, String... keywords) {
        int depth = 0;
        int end = Math.min(to, tokens.size());
        for (int i = Math.max(0, from); i < end; i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) depth++;
            else if (isClose(t)) {
                if (--depth < 0) return -1;
            } else if (depth == 0 && t.isAnyKeyword(keywords)) return i;
        }
        return -1;
    }

    /** Like {@link #indexOfKeyword} for a key word sequence; returns the index of its first word. */
    public static int indexOfKeywords(List<Token> tokens, int from, int to, String... sequence) {
        if (sequence.length == 0) return -1;
        int depth = 0;
        int end = Math.min(to, tokens.size());
        for (int i = Math.max(0, from); i < end; i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) depth++;
            else if (isClose(t)) {
                if (--depth < 0) return -1;
            } else if (depth == 0 && i + sequence.length <= end && keywordsAt(tokens, i, sequence)) return i;
        }
        return -1;
    }

    /**
     * Index in {@code [from, to)} of the first depth-0 token of {@code type}, or -1. The bracket that
     * closes the group {@code from} is in counts as depth 0 (so searching for {@code )} finds it).
     */
    public static int indexOf(List<Token> tokens, int from, int to, TokenType type) {
        int depth = 0;
        int end = Math.min(to, tokens.size());
        for (int i = Math.max(0, from); i < end; i++) {
            Token t = tokens.get(i);
            if (depth == 0 && t.type() == type) return i;
            if (isOpen(t)) depth++;
            else if (isClose(t) && --depth < 0) return -1;
        }
        return -1;
    }

    /** Index just past the group opening at {@code open} (its matching close), or {@code tokens.size()} if unclosed. */
    public static int groupEnd(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) depth++;
            else if (isClose(t) && --depth <= 0) return i + 1;
        }
        return tokens.size();
    }

    /** Index of the bracket closing the group that {@code from} is in (or {@code to} if none within range). */
    private static int levelEnd(List<Token> tokens, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (isOpen(t)) depth++;
            else if (isClose(t) && --depth < 0) return i;
        }
        return to;
    }

    public static boolean isOpen(Token t) {
        return t != null && (t.type() == TokenType.LPAREN || t.type() == TokenType.LBRACKET);
    }

    public static boolean isClose(Token t) {
        return t != null && (t.type() == TokenType.RPAREN || t.type() == TokenType.RBRACKET);
    }

    /** An identifier or quoted identifier. */
    public static boolean isName(Token t) {
        return t != null && (t.type() == TokenType.IDENTIFIER || t.type() == TokenType.QUOTED_IDENTIFIER);
    }
}
