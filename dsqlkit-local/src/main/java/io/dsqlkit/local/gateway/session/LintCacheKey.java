package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.NumberShape;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.Set;

/**
 * The shape of a statement for caching the linter's verdict: its significant tokens, with some literals of
 * queries and DML replaced by a placeholder: number and string literals that are operands of a comparison or
 * arithmetic operator ({@code WHERE aid = 12345} and {@code WHERE aid = 678} share a verdict), and numbers that
 * stand alone as an element of a {@code VALUES} row ({@code VALUES (3, 7, 1234)}: pgbench's INSERT, an ORM's
 * literal rows). Literals anywhere else (type modifiers, function arguments, SET values, DDL) stay, as rules
 * may depend on them; no rule reads the numbers of a VALUES row. Null when the statement is too long to be
 * worth caching.
 */
final class LintCacheKey {
    private static final int MAX_LENGTH = 2_000;
    private static final Set<String> OPERATORS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "+", "-", "*", "/", "%");

    private LintCacheKey() {}

    static String of(Statement st) {
        if (st.text().length() > MAX_LENGTH) return null;
        // st.tokens() filtered in place: significant() builds a new list per call.
        StringBuilder sb = new StringBuilder(st.text().length() + 8);
        sb.append(st.category()).append('\u0001');
        Masking masking = new Masking(st);
        for (Token t : st.tokens()) {
            if (t.isTrivia() || t.type() == TokenType.SEMICOLON) continue;
            if (masking.masks(t)) {
                sb.append(t.type() == TokenType.NUMBER ? "\u0002N" : "\u0002S");
            } else {
                sb.append(t.text());
            }
            sb.append('\u0001');
        }
        return sb.toString();
    }

    /**
     * Whether the key of {@code st} masks every integer {@code shape} masks, so that it is the key of every text of
     * that shape (the statements of texts of one shape differ only in those integers).
     */
    static boolean masksAll(Statement st, NumberShape shape) {
        Masking masking = new Masking(st);
        int covered = 0;
        for (Token t : st.tokens()) {
            if (t.isTrivia() || t.type() == TokenType.SEMICOLON) continue;
            boolean masked = masking.masks(t);
            if (shape.masksAt(t.offset())) {
                if (!masked) return false;
                covered++;
            }
        }
        return covered == shape.maskedCount(); // none inside a longer token or another statement
    }

    /** Which of a statement's significant tokens, seen in order, the key masks. */
    private static final class Masking {
        private final boolean normalise;
        private Token prev;
        /** Per open parenthesis, innermost last: whether it is a VALUES row's. */
        private boolean[] rows = new boolean[8];
        private int depth;
        /** The previous token is a ')' that closed a VALUES row (a ',' after it starts another row). */
        private boolean closedRow;
        /** The previous token is a ',' between VALUES rows. */
        private boolean betweenRows;

        Masking(Statement st) {
            normalise = st.category() == StatementCategory.QUERY || st.category() == StatementCategory.DML;
        }

        boolean masks(Token t) {
            boolean masked = normalise && (operand(t) || rowElement(t));
            boolean wasClosedRow = closedRow;
            closedRow = false;
            switch (t.type()) {
                case LPAREN -> {
                    boolean row = prev != null && (prev.isKeyword("VALUES") || betweenRows);
                    if (depth == rows.length) rows = java.util.Arrays.copyOf(rows, depth * 2);
                    rows[depth++] = row;
                }
                case RPAREN -> {
                    if (depth > 0) closedRow = rows[--depth];
                }
                default -> { }
            }
            betweenRows = t.type() == TokenType.COMMA && wasClosedRow;
            prev = t;
            return masked;
        }

        /** A number or string literal that is an operand of a comparison or arithmetic operator (after it). */
        private boolean operand(Token t) {
            boolean literal = t.type() == TokenType.NUMBER || t.type() == TokenType.STRING;
            return literal && prev != null && prev.type() == TokenType.OPERATOR && OPERATORS.contains(prev.text());
        }

        /** A number right inside a VALUES row, after its '(' or a ','. */
        private boolean rowElement(Token t) {
            return t.type() == TokenType.NUMBER && depth > 0 && rows[depth - 1] && prev != null
                    && (prev.type() == TokenType.LPAREN || prev.type() == TokenType.COMMA);
        }
    }
}
