package io.dsqlkit.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A possibly qualified name as written: {@code name}, {@code schema.name}, {@code db.schema.name},
 * each part an identifier or quoted identifier.
 *
 * @param parts the name tokens, without the dots
 */
public record QualifiedName(List<Token> parts) {

    public QualifiedName {
        if (parts.isEmpty()) throw new IllegalArgumentException("a qualified name has at least one part");
        parts = List.copyOf(parts);
    }

    public boolean isQualified() {
        return parts.size() > 1;
    }

    /** The last part as PostgreSQL folds it. */
    public String name() {
        return parts.get(parts.size() - 1).identifierValue();
    }

    /** The part before the name (folded), or null when unqualified. */
    public String schema() {
        return parts.size() > 1 ? parts.get(parts.size() - 2).identifierValue() : null;
    }

    /** All parts folded. */
    public List<String> values() {
        List<String> out = new ArrayList<>(parts.size());
        for (Token t : parts) out.add(t.identifierValue());
        return out;
    }

    public Token first() {
        return parts.get(0);
    }

    public Token last() {
        return parts.get(parts.size() - 1);
    }

    /** The folded parts joined with dots, e.g. {@code public.orders}. */
    @Override
    public String toString() {
        return String.join(".", values());
    }
}
