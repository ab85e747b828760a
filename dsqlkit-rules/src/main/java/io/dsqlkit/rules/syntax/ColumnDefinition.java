package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * {@code name type [constraints...]} inside CREATE TABLE or ALTER TABLE ADD COLUMN.
 *
 * @param range    the whole definition (name to end of the last constraint)
 * @param name     index of the column name
 * @param type     the column's type
 * @param inAlterTable true when this came from {@code ALTER TABLE ... ADD COLUMN}
 */
public record ColumnDefinition(Range range, int name, TypeName type, boolean inAlterTable) {

    /** Parses a column definition over {@code r}; null when {@code r} does not start with a name and a type. */
    public static ColumnDefinition parse(List<Token> t, Range r, boolean inAlterTable) {
        if (r.isEmpty() || !Tokens.isName(t, r.from())) return null;
        TypeName type = TypeName.parse(t, r.from() + 1);
        if (type == null || type.end() > r.to()) return null;
        return new ColumnDefinition(r, r.from(), type, inAlterTable);
    }

    /** The constraints part: after the type to the end of the definition. */
    public Range constraints() {
        return new Range(type.end(), range.to());
    }

    public Token nameToken(List<Token> t) {
        return t.get(name);
    }

    /** Index of a top-level key word among the constraints, or -1 (e.g. DEFAULT, REFERENCES, COLLATE). */
    public int find(List<Token> t, String word) {
        return Tokens.findTopLevel(t, type.end(), range.to(), word);
    }

    public boolean has(List<Token> t, String word) {
        return find(t, word) >= 0;
    }

    public IdentityClause identity(List<Token> t) {
        return IdentityClause.find(t, type.end(), range.to());
    }

    /**
     * The {@code ( expr )} of {@code GENERATED ALWAYS AS ( expr ) STORED} as {@code [open, close]}
     * token indexes, or null.
     */
    public Range generatedExpression(List<Token> t) {
        int g = type.end();
        while ((g = Tokens.findTopLevel(t, g, range.to(), "GENERATED")) >= 0) {
            int open = Tokens.match(t, g, "GENERATED", "ALWAYS", "AS");
            if (open > 0 && Tokens.isType(t, open, TokenType.LPAREN)) {
                int close = Tokens.close(t, open);
                if (close > 0) return new Range(open, close + 1);
            }
            g++;
        }
        return null;
    }
}
