package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.SqlText;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matching helpers over the significant tokens of one statement ({@code StatementContext.tokens()}),
 * the one token helper of the rules: static functions over the list, or the same list as a view
 * ({@code new Tokens(ctx.tokens())}) for index-walking parsers. All indexes are into that list;
 * every method is bounds-safe (out of range never matches, truncated input never throws).
 */
public final class Tokens {

    /** True when token {@code i} is the unquoted key word {@code word}, or punctuation with that exact text. */
    public static boolean is(List<Token> t, int i, String word) {
        if (i < 0 || i >= t.size()) return false;
        Token k = t.get(i);
        if (k.type() == TokenType.IDENTIFIER) return k.text().equalsIgnoreCase(word);
        if (k.type() == TokenType.QUOTED_IDENTIFIER || k.type() == TokenType.STRING
                || k.type() == TokenType.DOLLAR_STRING) return false;
        return k.text().equals(word);
    }

    public static boolean isType(List<Token> t, int i, TokenType type) {
        return i >= 0 && i < t.size() && t.get(i).type() == type;
    }

    /** True when tokens {@code i, i+1, ...} are the words of {@code words}, in order. */
    public static boolean at(List<Token> t, int i, String... words) {
        for (int k = 0; k < words.length; k++) if (!is(t, i + k, words[k])) return false;
        return true;
    }

    /**
     * Matches a pattern at {@code i} and returns the index after it, or -1. Each element is one or
     * more alternatives separated by {@code |}; an alternative is space-separated words that must
     * follow each other; a leading {@code ?} makes the element optional. Example:
     * {@code match(t, 0, "CREATE", "?OR REPLACE", "?CONSTRAINT", "TRIGGER")}.
     */
    public static int match(List<Token> t, int i, String... pattern) {
        return compile(pattern).match(t, i);
    }

    private static final Map<List<String>, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** The parsed form of a {@link #match} pattern, for rules that match it on every statement. */
    public static Pattern compile(String... pattern) {
        return PATTERNS.computeIfAbsent(List.of(pattern), Pattern::parse);
    }

    /** A parsed {@link #match} pattern: per element, whether it is optional and its alternatives' words. */
    public static final class Pattern {
        private final boolean[] optional;
        private final String[][][] alternatives;

        private Pattern(boolean[] optional, String[][][] alternatives) {
            this.optional = optional;
            this.alternatives = alternatives;
        }

        private static Pattern parse(List<String> elements) {
            boolean[] optional = new boolean[elements.size()];
            String[][][] alternatives = new String[elements.size()][][];
            for (int e = 0; e < elements.size(); e++) {
                String element = elements.get(e);
                optional[e] = element.startsWith("?");
                String[] alts = (optional[e] ? element.substring(1) : element).split("\\|");
                alternatives[e] = new String[alts.length][];
                for (int k = 0; k < alts.length; k++) alternatives[e][k] = alts[k].trim().split(" +");
            }
            return new Pattern(optional, alternatives);
        }

        /** The index after the match at {@code i}, or -1. */
        public int match(List<Token> t, int i) {
            int pos = i;
            for (int e = 0; e < optional.length; e++) {
                int next = -1;
                for (String[] words : alternatives[e]) {
                    if (at(t, pos, words)) {
                        next = pos + words.length;
                        break;
                    }
                }
                if (next >= 0) pos = next;
                else if (!optional[e]) return -1;
            }
            return pos;
        }
    }

    /** Index of the {@code )} or {@code ]} closing the bracket at {@code open}, or -1 if unclosed. */
    public static int close(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            TokenType ty = t.get(i).type();
            if (ty == TokenType.LPAREN || ty == TokenType.LBRACKET) depth++;
            else if (ty == TokenType.RPAREN || ty == TokenType.RBRACKET) {
                depth--;
                if (depth == 0) return i;
            }
        }
        return -1;
    }

    /** Splits {@code [from, to)} at commas outside brackets. An empty range gives no parts. */
    public static List<Range> splitTopLevel(List<Token> t, int from, int to) {
        List<Range> parts = new ArrayList<>();
        if (from >= to) return parts;
        int depth = 0, start = from;
        for (int i = from; i < to; i++) {
            TokenType ty = t.get(i).type();
            if (ty == TokenType.LPAREN || ty == TokenType.LBRACKET) depth++;
            else if (ty == TokenType.RPAREN || ty == TokenType.RBRACKET) depth = Math.max(0, depth - 1);
            else if (ty == TokenType.COMMA && depth == 0) {
                parts.add(new Range(start, i));
                start = i + 1;
            }
        }
        parts.add(new Range(start, to));
        return parts;
    }

    /** First index in {@code [from, to)} of key word {@code word} outside brackets, or -1. */
    public static int findTopLevel(List<Token> t, int from, int to, String word) {
        int depth = 0;
        for (int i = from; i < Math.min(to, t.size()); i++) {
            TokenType ty = t.get(i).type();
            if (ty == TokenType.LPAREN || ty == TokenType.LBRACKET) depth++;
            else if (ty == TokenType.RPAREN || ty == TokenType.RBRACKET) depth--;
            else if (depth == 0 && is(t, i, word)) return i;
        }
        return -1;
    }

    /** True for an identifier, quoted or not (key words are identifiers to the lexer). */
    public static boolean isName(List<Token> t, int i) {
        return isType(t, i, TokenType.IDENTIFIER) || isType(t, i, TokenType.QUOTED_IDENTIFIER);
    }

    /** Index after a possibly qualified name {@code a[.b[.c]]} starting at {@code i}, or -1. */
    public static int skipQualifiedName(List<Token> t, int i) {
        if (!isName(t, i)) return -1;
        int pos = i + 1;
        while (isType(t, pos, TokenType.DOT) && isName(t, pos + 1)) pos += 2;
        return pos;
    }

    /** The name a token denotes as PostgreSQL folds it (lower-cased unless quoted). */
    public static String folded(Token k) {
        return k.identifierValue();
    }

    /** The value of a {@code '...'}, {@code E'...'}, {@code U&'...'} or {@code N'...'} literal; null otherwise. */
    public static String stringValue(Token k) {
        if (k.type() != TokenType.STRING || k.unterminated()) return null;
        char c = Character.toUpperCase(k.text().charAt(0));
        if (c == 'B' || c == 'X') return null;
        return SqlText.stringValue(k);
    }

    /** The value of an integer literal token, or null (also for decimals and out-of-range numbers). */
    public static Long integerValue(Token k) {
        if (k.type() != TokenType.NUMBER) return null;
        String s = k.text().replace("_", "");
        try {
            if (s.length() > 2 && s.charAt(0) == '0') {
                char p = Character.toLowerCase(s.charAt(1));
                if (p == 'x') return Long.parseLong(s.substring(2), 16);
                if (p == 'o') return Long.parseLong(s.substring(2), 8);
                if (p == 'b') return Long.parseLong(s.substring(2), 2);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value of an optionally signed integer at {@code i} ({@code -5}, {@code +5}, {@code 5}); null otherwise. */
    public static Long signedIntegerAt(List<Token> t, int i) {
        if (isType(t, i, TokenType.OPERATOR) && (is(t, i, "-") || is(t, i, "+"))) {
            Long v = i + 1 < t.size() ? integerValue(t.get(i + 1)) : null;
            if (v == null) return null;
            return is(t, i, "-") ? -v : v;
        }
        return i >= 0 && i < t.size() ? integerValue(t.get(i)) : null;
    }

    /** Index of the last token of an optionally signed number at {@code i}. */
    public static int signedNumberEnd(List<Token> t, int i) {
        return isType(t, i, TokenType.OPERATOR) ? i + 1 : i;
    }

    // ---------------------------------------------------------------- the list as a view
    private final List<Token> tokens;

    public Tokens(List<Token> tokens) {
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
