package io.dsqlkit.local.catalog;

import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.SqlText;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of one statement as the behaviours need them: identifiers (quoted or not), literals and
 * punctuation, with whitespace and comments dropped and offsets kept so a clause can be copied
 * verbatim. A view over the one SQL lexer ({@link Lexer}): the behaviours only recognise a handful
 * of statement heads (CREATE INDEX ASYNC, ALTER TABLE ASYNC, AWS IAM GRANT, quota-relevant DDL).
 */
public final class SqlWords {
    /** Word kinds. */
    public enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT, OTHER }

    /**
     * One word; {@link #text()} is as written, {@link #value()} as PostgreSQL folds it; {@link #start()}
     * and {@link #end()} are offsets in the statement text ({@code base} is where that text starts in
     * the text the token was lexed from).
     */
    public record Word(Kind kind, Token token, int base) {
        public String text() {
            return token.text();
        }

        public int start() {
            return token.offset() - base;
        }

        public int end() {
            return token.end() - base;
        }

        public boolean is(String keyword) {
            return token.isKeyword(keyword);
        }

        public boolean isPunct(char c) {
            return kind == Kind.PUNCT && text().length() == 1 && text().charAt(0) == c;
        }

        public boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        /** Identifier value as PostgreSQL folds it; string literal contents unescaped; otherwise as written. */
        public String value() {
            return kind == Kind.STRING ? SqlText.stringValue(token) : token.identifierValue();
        }
    }

    private final String sql;
    private final List<Word> words;

    private SqlWords(String sql, List<Word> words) {
        this.sql = sql;
        this.words = words;
    }

    public static SqlWords scan(String sql) {
        return of(sql, 0, Lexer.tokenize(sql));
    }

    /** The words of a statement the gateway has already lexed (no second pass over the text unless it carries no tokens). */
    public static SqlWords of(Statement statement) {
        if (statement.tokens().isEmpty()) return scan(statement.text());
        return of(statement.text(), statement.offset(), statement.tokens());
    }

    private static SqlWords of(String sql, int base, List<Token> tokens) {
        List<Word> out = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.isTrivia()) out.add(new Word(kind(t.type()), t, base));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isPunct(';')) out.remove(out.size() - 1);
        return new SqlWords(sql, List.copyOf(out));
    }

    private static Kind kind(TokenType type) {
        return switch (type) {
            case IDENTIFIER -> Kind.WORD;
            case QUOTED_IDENTIFIER -> Kind.QUOTED;
            case STRING, DOLLAR_STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, SEMICOLON, DOT -> Kind.PUNCT;
            default -> Kind.OTHER;
        };
    }

    /** The first keyword of {@code statement}, upper-cased; "" if it does not start with one. */
    public static String firstKeyword(Statement statement) {
        if (statement.tokens().isEmpty()) return firstKeyword(statement.text());
        Token t = statement.first();
        return t != null && t.is(TokenType.IDENTIFIER) ? SqlText.asciiUpper(t.text()) : "";
    }

    /** The first keyword of {@code sql}, upper-cased; "" if it does not start with one. */
    public static String firstKeyword(String sql) {
        for (Token t : Lexer.tokenize(sql)) {
            if (t.isTrivia()) continue;
            return t.is(TokenType.IDENTIFIER) ? SqlText.asciiUpper(t.text()) : "";
        }
        return "";
    }

    public int size() {
        return words.size();
    }

    public Word get(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    public List<Word> words() {
        return words;
    }

    /** The lexer's tokens behind {@link #words()}, for the shared statement-shape parsers of dsqlkit-sql. */
    public List<Token> tokens() {
        return words.stream().map(Word::token).toList();
    }

    /** True if the words from {@code index} are exactly these keywords. */
    public boolean keywordsAt(int index, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            Word w = get(index + k);
            if (w == null || !w.is(keywords[k])) return false;
        }
        return true;
    }

    /** Statement text from word {@code index} to the end (without a trailing semicolon). */
    public String textFrom(int index) {
        if (index >= words.size()) return "";
        return sql.substring(words.get(index).start(), words.get(words.size() - 1).end());
    }

    /** Index of the first word at parenthesis depth 0 from {@code from} that is keyword {@code kw}, or -1. */
    public int findTopLevel(int from, String kw) {
        int depth = 0;
        for (int i = from; i < words.size(); i++) {
            Word w = words.get(i);
            if (w.isPunct('(')) depth++;
            else if (w.isPunct(')')) depth--;
            else if (depth == 0 && w.is(kw)) return i;
        }
        return -1;
    }
}
