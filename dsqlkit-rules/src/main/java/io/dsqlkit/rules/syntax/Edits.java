package io.dsqlkit.rules.syntax;

import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/** Text edits shared by the fixes of this package. */
public final class Edits {
    private Edits() {}

    /**
     * Appends {@code statements} (without semicolons) after {@code s}, each on its own line and
     * terminated, so each runs as its own autocommit transaction when the file is run as psql -f runs it.
     */
    public static TextEdit appendStatements(Statement s, List<String> statements) {
        StringBuilder sb = new StringBuilder();
        for (String st : statements) sb.append('\n').append(st).append(';');
        Token semi = null;
        for (Token t : s.tokens()) if (t.type() == TokenType.SEMICOLON) semi = t;
        if (semi != null) return TextEdit.insert(semi.end(), sb.toString());
        List<Token> sig = s.significant();
        int end = sig.isEmpty() ? s.end() : sig.get(sig.size() - 1).end();
        return TextEdit.insert(end, ";" + sb);
    }

    /** Deletes token {@code t} and the whitespace before it (so {@code "a  DESC"} becomes {@code "a"}). */
    public static TextEdit deleteWithLeadingSpace(String source, Token t) {
        int start = t.offset();
        while (start > 0 && (source.charAt(start - 1) == ' ' || source.charAt(start - 1) == '\t')) start--;
        return new TextEdit(start, t.end() - start, "");
    }

    /** Deletes tokens {@code from..to} (inclusive) and the blanks before them. */
    public static TextEdit deleteRangeWithLeadingSpace(String source, Token from, Token to) {
        int start = from.offset();
        while (start > 0 && (source.charAt(start - 1) == ' ' || source.charAt(start - 1) == '\t')) start--;
        return new TextEdit(start, to.end() - start, "");
    }

    /** Replaces the whole statement (its significant text, keeping surrounding trivia) with {@code replacement}. */
    public static TextEdit replaceStatement(Statement s, String replacement) {
        List<Token> sig = s.significant();
        if (sig.isEmpty()) return TextEdit.insert(s.offset(), replacement);
        int start = sig.get(0).offset();
        return new TextEdit(start, sig.get(sig.size() - 1).end() - start, replacement);
    }

    /**
     * Deletes the whole statement including its semicolon and the line break after it, so no empty
     * statement is left behind.
     */
    public static TextEdit deleteStatement(String source, Statement s) {
        List<Token> sig = s.significant();
        if (sig.isEmpty()) return TextEdit.delete(s.offset(), 0);
        int start = sig.get(0).offset();
        int end = sig.get(sig.size() - 1).end();
        for (Token t : s.tokens()) if (t.type() == TokenType.SEMICOLON && t.offset() >= end) end = t.end();
        if (end < source.length() && source.charAt(end) == '\n') end++;
        return new TextEdit(start, end - start, "");
    }

    /** The blanks that precede {@code t} on its line (to indent inserted statements like the original). */
    public static String indentOf(String source, Token t) {
        int i = t.offset();
        int start = i;
        while (start > 0 && (source.charAt(start - 1) == ' ' || source.charAt(start - 1) == '\t')) start--;
        if (start > 0 && source.charAt(start - 1) != '\n') return "";
        return source.substring(start, i);
    }
}
