package io.dsqlkit.mcp.tools.args;

import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One SQL value expression from a tool argument (a {@code where} predicate, the right-hand side of a
 * SET item), checked with the real lexer before any SQL is built around it: no statement separator,
 * no comment (which could hide the rest of the wrapper), no placeholder (the server binds its own),
 * nothing unterminated, and parentheses and brackets that balance without ever closing more than
 * they opened, so the expression cannot end the parentheses the tools always put around it. A
 * semicolon inside a string, dollar quote or quoted identifier is just text and is fine.
 * <p>
 * The expression is then only ever used inside a complete statement that goes through the same
 * statement guard as the {@code query} tool (functions, read-only) and, under a tenant, the tenant
 * guard; this class only guarantees that the wrapper stays one statement of the intended shape.
 */
public record SqlExpression(String text, List<Token> tokens) {
    public SqlExpression {
        tokens = List.copyOf(tokens);
    }

    public static SqlExpression parse(String argName, String text) {
        return of(argName, Lexer.tokenize(text));
    }

    static SqlExpression of(String argName, List<Token> tokens) {
        List<Token> kept = trim(tokens);
        if (kept.isEmpty()) throw refuse(argName, "is empty");
        int depth = 0;
        for (Token t : kept) {
            if (t.unterminated()) throw refuse(argName, "has an unterminated " + t.type().name().toLowerCase().replace('_', ' '));
            switch (t.type()) {
                case SEMICOLON -> throw refuse(argName, "contains a statement separator (;); give one expression, not statements");
                case LINE_COMMENT, BLOCK_COMMENT -> throw refuse(argName, "contains a comment; remove it");
                case PARAMETER -> throw refuse(argName, "contains a placeholder (" + t.text() + "); write the value as a literal");
                case UNKNOWN -> throw refuse(argName, "contains a character SQL does not allow here (" + t.text() + ")");
                case LPAREN, LBRACKET -> depth++;
                case RPAREN, RBRACKET -> {
                    if (--depth < 0) throw refuse(argName, "closes a parenthesis it did not open");
                }
                default -> { }
            }
        }
        if (depth != 0) throw refuse(argName, "has an unclosed parenthesis or bracket");
        StringBuilder sb = new StringBuilder();
        for (Token t : kept) sb.append(t.text());
        return new SqlExpression(sb.toString(), kept);
    }

    /** The expression in parentheses: how every tool embeds it. */
    public String sql() {
        return "(" + text + ")";
    }

    /** Whether it is exactly the key word DEFAULT (a SET item may assign it). */
    public boolean isDefault() {
        return tokens.size() == 1 && tokens.get(0).isKeyword("DEFAULT");
    }

    /** Whether an operator contains {@code ?} (jsonb ?, ?|, ?&), which JDBC would read as a placeholder. */
    public boolean hasQuestionMarkOperator() {
        return tokens.stream().anyMatch(t -> t.is(TokenType.OPERATOR) && t.text().indexOf('?') >= 0);
    }

    /** The top-level (outside parentheses) comma-separated parts of {@code tokens}. */
    static List<List<Token>> splitTopLevel(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.is(TokenType.LPAREN) || t.is(TokenType.LBRACKET)) depth++;
            else if (t.is(TokenType.RPAREN) || t.is(TokenType.RBRACKET)) depth--;
            if (depth == 0 && t.is(TokenType.COMMA)) {
                parts.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        parts.add(cur);
        return parts;
    }

    /** Without leading and trailing whitespace (inner whitespace is kept as written). */
    static List<Token> trim(List<Token> tokens) {
        int from = 0;
        int to = tokens.size();
        while (from < to && tokens.get(from).is(TokenType.WHITESPACE)) from++;
        while (to > from && tokens.get(to - 1).is(TokenType.WHITESPACE)) to--;
        return tokens.subList(from, to);
    }

    static ToolError refuse(String argName, String problem) {
        return new ToolError("argument '" + argName + "' " + problem + ". It must be one SQL expression; it is embedded in "
                + "parentheses in a statement the server builds and checks like a query.", Map.of("argument", argName));
    }
}
