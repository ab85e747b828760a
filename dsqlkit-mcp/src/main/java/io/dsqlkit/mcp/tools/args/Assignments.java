package io.dsqlkit.mcp.tools.args;

import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SET list of an UPDATE from a tool argument: {@code column = expression, ...}, split at
 * top-level commas by the lexer. Each column is a bare identifier (resolved later through the
 * catalog), each value a {@link SqlExpression}; row constructors and subscripts are refused.
 */
public record Assignments(List<Item> items) {
    /** {@code column} as written (an identifier token) and its value. */
    public record Item(Token column, SqlExpression value) {}

    public static Assignments parse(String argName, String text) {
        List<Item> items = new ArrayList<>();
        for (List<Token> part : SqlExpression.splitTopLevel(Lexer.tokenize(text))) {
            List<Token> p = SqlExpression.trim(part);
            List<Token> sig = p.stream().filter(t -> !t.is(TokenType.WHITESPACE)).toList();
            if (sig.size() < 3 || !(sig.get(0).is(TokenType.IDENTIFIER) || sig.get(0).is(TokenType.QUOTED_IDENTIFIER))
                    || sig.get(0).unterminated() || !(sig.get(1).is(TokenType.OPERATOR) && sig.get(1).text().equals("="))) {
                throw new ToolError("argument '" + argName + "' must be a list of column = expression items separated by commas, "
                        + "e.g. status = 'archived', updated_at = now()", Map.of("argument", argName));
            }
            int valueFrom = p.indexOf(sig.get(1)) + 1;
            items.add(new Item(sig.get(0), SqlExpression.of(argName, p.subList(valueFrom, p.size()))));
        }
        return new Assignments(List.copyOf(items));
    }
}
