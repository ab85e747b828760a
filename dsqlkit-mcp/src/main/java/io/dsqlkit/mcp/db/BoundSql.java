package io.dsqlkit.mcp.db;

import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One statement in JDBC form with its bind values. Agents write PostgreSQL's {@code $1, $2}
 * placeholders (the Power's contract); pgjdbc expects {@code ?}. The lexer finds the real
 * placeholders (never inside strings, comments or dollar quotes), each becomes {@code ?} bound to
 * the value it names, and operators containing {@code ?} (jsonb {@code ?|}) are doubled as pgjdbc
 * requires. Values are sent untyped ({@code stringtype=unspecified}), so the server infers their
 * types from the statement as it does for psql or node-postgres.
 */
public record BoundSql(String sql, String jdbcSql, List<Object> values) {

    public static BoundSql of(Statement statement, List<Object> parameters) {
        List<Object> params = parameters == null ? List.of() : parameters;
        StringBuilder out = new StringBuilder();
        List<Object> values = new ArrayList<>();
        boolean[] used = new boolean[params.size()];
        List<Token> tokens = statement.tokens();
        int end = lastSignificant(tokens);
        for (int i = 0; i <= end; i++) {
            Token t = tokens.get(i);
            if (i < firstSignificant(tokens)) continue;
            if (t.type() == TokenType.PARAMETER) {
                int n;
                try {
                    n = Integer.parseInt(t.text().substring(1));
                } catch (NumberFormatException e) {
                    throw new Refusal("bad placeholder " + t.text());
                }
                if (n < 1 || n > params.size()) {
                    throw new Refusal("the statement uses " + t.text() + " but " + params.size()
                            + " parameter(s) were given; pass them in 'parameters' in order ($1 first)", Map.of("argument", "parameters"));
                }
                used[n - 1] = true;
                values.add(params.get(n - 1));
                out.append('?');
            } else if (t.type() == TokenType.OPERATOR && t.text().indexOf('?') >= 0) {
                out.append(t.text().replace("?", "??"));
            } else {
                out.append(t.text());
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new Refusal("parameter " + (i + 1) + " is never used: the statement has no $" + (i + 1),
                        Map.of("argument", "parameters"));
            }
        }
        return new BoundSql(statement.sql(), out.toString(), List.copyOf(values.stream().map(v -> v == null ? NULL : v).toList()));
    }

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    public void bind(PreparedStatement ps) throws SQLException {
        bind(ps, 0);
    }

    /** Binds the values to parameters {@code offset + 1 ...} (the statement follows {@code offset} parameters of another). */
    public void bind(PreparedStatement ps, int offset) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == NULL) ps.setNull(offset + i + 1, Types.NULL);
            else ps.setString(offset + i + 1, text(v)); // untyped (stringtype=unspecified): the server infers the type
        }
    }

    static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) return Long.toString(d.longValue());
        if (v instanceof Number || v instanceof Boolean || v instanceof String) return v.toString();
        return io.dsqlkit.mcp.tools.ToolResults.json(v); // objects/arrays: their JSON text (for json/jsonb parameters)
    }

    private static int firstSignificant(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) if (!tokens.get(i).isTrivia() && tokens.get(i).type() != TokenType.SEMICOLON) return i;
        return tokens.size();
    }

    private static int lastSignificant(List<Token> tokens) {
        for (int i = tokens.size() - 1; i >= 0; i--) if (!tokens.get(i).isTrivia() && tokens.get(i).type() != TokenType.SEMICOLON) return i;
        return -1;
    }
}
