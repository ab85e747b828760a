package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.NumberShape;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.Set;

/**
 * The shape of a statement for caching the linter's verdict: its significant tokens, with number
 * and string literals that are operands of a comparison or arithmetic operator in queries and DML
 * replaced by a placeholder ({@code WHERE aid = 12345} and {@code WHERE aid = 678} share a
 * verdict). Literals anywhere else (type modifiers, function arguments, SET values, DDL) stay, as
 * rules may depend on them. Null when the statement is too long to be worth caching.
 */
final class LintCacheKey {
    private static final int MAX_LENGTH = 2_000;
    private static final Set<String> OPERATORS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "+", "-", "*", "/", "%");

    private LintCacheKey() {}

    static String of(Statement st) {
        if (st.text().length() > MAX_LENGTH) return null;
        boolean normalise = st.category() == StatementCategory.QUERY || st.category() == StatementCategory.DML;
        // st.tokens() filtered in place: significant() builds a new list per call.
        StringBuilder sb = new StringBuilder(st.text().length() + 8);
        sb.append(st.category()).append('\u0001');
        Token prev = null;
        for (Token t : st.tokens()) {
            if (t.isTrivia() || t.type() == TokenType.SEMICOLON) continue;
            if (normalise && masked(prev, t)) {
                sb.append(t.type() == TokenType.NUMBER ? "\u0002N" : "\u0002S");
            } else {
                sb.append(t.text());
            }
            sb.append('\u0001');
            prev = t;
        }
        return sb.toString();
    }

    /**
     * Whether the key of {@code st} masks every integer {@code shape} masks, so that it is the key of every text of
     * that shape (the statements of texts of one shape differ only in those integers).
     */
    static boolean masksAll(Statement st, NumberShape shape) {
        boolean normalise = st.category() == StatementCategory.QUERY || st.category() == StatementCategory.DML;
        Token prev = null;
        int covered = 0;
        for (Token t : st.tokens()) {
            if (t.isTrivia() || t.type() == TokenType.SEMICOLON) continue;
            if (shape.masksAt(t.offset())) {
                if (!(normalise && masked(prev, t))) return false;
                covered++;
            }
            prev = t;
        }
        return covered == shape.maskedCount(); // none inside a longer token or another statement
    }

    /** A number or string literal that is an operand of a comparison or arithmetic operator (after it). */
    private static boolean masked(Token prev, Token t) {
        boolean literal = t.type() == TokenType.NUMBER || t.type() == TokenType.STRING;
        return literal && prev != null && prev.type() == TokenType.OPERATOR && OPERATORS.contains(prev.text());
    }
}
