package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Diagnostics;
import io.dsqlkit.rules.Rule;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;

import java.util.List;
import java.util.Optional;

/**
 * A parse-level check the CLI adds on top of the rules: a string, quoted identifier, dollar-quoted
 * body or block comment that is never closed swallows the rest of the file, so PostgreSQL (and DSQL)
 * reject the text with a syntax error (SQLSTATE 42601) and nothing after it would be checked. The
 * messages are the ones PostgreSQL's scanner (scan.l) raises; the "at or near" excerpt is cut at the
 * end of its first line.
 */
final class UnterminatedToken implements Rule {
    static final UnterminatedToken RULE = new UnterminatedToken();
    static final String ID = "unterminated-token";
    private static final int EXCERPT_CHARS = 40;

    private UnterminatedToken() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String sqlstate() {
        return "42601";
    }

    @Override
    public String help() {
        return "close the quote or comment; everything after it is part of the unterminated token and was not checked";
    }

    /** The first unterminated token among the statements, as a diagnostic over {@code source}. */
    static Optional<Diagnostic> find(String source, List<Statement> statements) {
        for (Statement s : statements) {
            Optional<Diagnostic> d = findInTokens(source, s.tokens());
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    static Optional<Diagnostic> findInTokens(String source, List<Token> tokens) {
        for (Token t : tokens) {
            if (t.unterminated()) return Optional.of(diagnostic(source, t));
        }
        return Optional.empty();
    }

    static Diagnostic diagnostic(String source, Token t) {
        return Diagnostics.of(RULE, source, t.offset(), t.text().length(),
                what(t) + " at or near \"" + excerpt(t.text()) + "\"", null);
    }

    private static String what(Token t) {
        return switch (t.type()) {
            case STRING -> {
                char c = t.text().isEmpty() ? '\'' : Character.toLowerCase(t.text().charAt(0));
                yield c == 'b' ? "unterminated bit string literal"
                        : c == 'x' ? "unterminated hexadecimal string literal" : "unterminated quoted string";
            }
            case QUOTED_IDENTIFIER -> "unterminated quoted identifier";
            case DOLLAR_STRING -> "unterminated dollar-quoted string";
            case BLOCK_COMMENT -> "unterminated /* comment";
            default -> "unterminated token";
        };
    }

    private static String excerpt(String text) {
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl);
        if (first.endsWith("\r")) first = first.substring(0, first.length() - 1);
        if (first.length() > EXCERPT_CHARS) return first.substring(0, EXCERPT_CHARS) + "...";
        return nl < 0 ? first : first + "...";
    }
}
