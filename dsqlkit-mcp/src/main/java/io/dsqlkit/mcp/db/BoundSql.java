package io.dsqlkit.mcp.db;

import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
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
        Template t = template(statement);
        boolean[] used = new boolean[params.size()];
        List<Object> values = new ArrayList<>(t.numbers().length);
        for (int k = 0; k < t.numbers().length; k++) {
            int n = t.numbers()[k];
            if (n < 1 || n > params.size()) {
                throw new Refusal("the statement uses " + t.texts()[k] + " but " + params.size()
                        + " parameter(s) were given; pass them in 'parameters' in order ($1 first)", Map.of("argument", "parameters"));
            }
            used[n - 1] = true;
            Object v = params.get(n - 1);
            values.add(v == null ? NULL : v);
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new Refusal("parameter " + (i + 1) + " is never used: the statement has no $" + (i + 1),
                        Map.of("argument", "parameters"));
            }
        }
        return new BoundSql(statement.sql(), t.jdbcSql(), Collections.unmodifiableList(values));
    }

    /**
     * A statement's JDBC text and the placeholder behind each {@code ?}, in order: what {@link #of} needs of the
     * tokens, kept by exact text as {@link StatementGuard#single} keeps statements (the same text always lexes to the
     * same tokens), so that a repeated statement is not walked token by token on every call.
     */
    private record Template(String jdbcSql, int[] numbers, String[] texts) {}

    private static final TextCache<Template> TEMPLATES = new TextCache<>(512, 4_096);

    private static Template template(Statement statement) {
        return TEMPLATES.get(statement.sql(), sql -> templateNow(statement.tokens()));
    }

    private static Template templateNow(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        List<Token> placeholders = new ArrayList<>();
        int first = firstSignificant(tokens);
        int last = lastSignificant(tokens);
        for (int i = first; i <= last; i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.PARAMETER) {
                placeholders.add(t);
                out.append('?');
            } else if (t.type() == TokenType.OPERATOR && t.text().indexOf('?') >= 0) {
                out.append(t.text().replace("?", "??"));
            } else {
                out.append(t.text());
            }
        }
        int[] numbers = new int[placeholders.size()];
        String[] texts = new String[placeholders.size()];
        for (int k = 0; k < numbers.length; k++) {
            texts[k] = placeholders.get(k).text();
            try {
                numbers[k] = Integer.parseInt(texts[k].substring(1));
            } catch (NumberFormatException e) {
                throw new Refusal("bad placeholder " + texts[k]);
            }
        }
        return new Template(out.toString(), numbers, texts);
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
