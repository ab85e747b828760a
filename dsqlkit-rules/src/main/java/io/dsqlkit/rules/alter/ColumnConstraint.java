package io.dsqlkit.rules.alter;

/**
 * One constraint (or DEFAULT) of a column definition, as token indexes (inclusive). {@code from}
 * is the CONSTRAINT key word when the constraint is named; {@code bodyFrom..bodyTo} is the part
 * that carries the meaning: the DEFAULT expression, the CHECK parentheses, the REFERENCES clause.
 */
public record ColumnConstraint(Kind kind, int from, int to, int name, int keyword, int bodyFrom, int bodyTo) {
    public enum Kind { DEFAULT, NOT_NULL, NULL, CHECK, UNIQUE, PRIMARY_KEY, REFERENCES, IDENTITY, GENERATED_STORED }

    public ColumnConstraint withTo(int newTo) {
        return new ColumnConstraint(kind, from, newTo, name, keyword, bodyFrom, kind == Kind.REFERENCES ? newTo : bodyTo);
    }
}
