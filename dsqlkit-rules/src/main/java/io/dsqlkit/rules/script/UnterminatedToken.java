package io.dsqlkit.rules.script;

import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;

/**
 * A string, quoted identifier, dollar-quoted body or block comment that is never closed swallows the
 * rest of the file, so PostgreSQL (and DSQL) reject the text with a syntax error (SQLSTATE 42601) and
 * nothing after it would be checked. The messages are the ones PostgreSQL's scanner (scan.l) raises;
 * the "at or near" excerpt is cut at the end of its first line. Only the first such token is reported.
 */
public final class UnterminatedToken extends BaseRule implements ScriptRule {
    private static final int EXCERPT_CHARS = 40;

    public UnterminatedToken() {
        super("unterminated-token", "42601",
                "close the quote or comment; everything after it is part of the unterminated token and was not checked",
                ALL_PROFILES, "unterminated quoted string at or near \"...\"",
                "unterminated bit string literal at or near \"...\"",
                "unterminated hexadecimal string literal at or near \"...\"",
                "unterminated quoted identifier at or near \"...\"",
                "unterminated dollar-quoted string at or near \"...\"",
                "unterminated /* comment at or near \"...\"");
    }

    @Override
    public void check(ScriptContext ctx) {
        for (Statement s : ctx.statements()) {
            for (Token t : s.tokens()) {
                if (!t.unterminated()) continue;
                ctx.report(this, t.offset(), t.text().length(), what(t) + " at or near \"" + excerpt(t.text()) + "\"", null);
                return;
            }
        }
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
