package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Identity clauses a statement declares: on CREATE TABLE columns (with the column, whose type is
 * known), and {@code ALTER TABLE ... ALTER [COLUMN] c ADD GENERATED ... AS IDENTITY} (column null).
 * Identity on ALTER TABLE ADD COLUMN is left out: DSQL refuses any constraint there (§1.5).
 */
public final class IdentityColumns {
    private IdentityColumns() {}

    /** One identity clause and, when declared in CREATE TABLE, its column. */
    public record Declared(ColumnDefinition column, IdentityClause identity) {}

    private static final LastParsed<List<Declared>> LAST = new LastParsed<>();

    /** The identity clauses of {@code t} (which must not change afterwards). */
    public static List<Declared> of(List<Token> t) {
        return LAST.get(t, IdentityColumns::parse);
    }

    private static List<Declared> parse(List<Token> t) {
        List<Declared> out = new ArrayList<>();
        CreateTable ct = CreateTable.parse(t);
        if (ct != null) {
            for (ColumnDefinition c : TableColumns.of(t)) {
                IdentityClause id = c.identity(t);
                if (id != null) out.add(new Declared(c, id));
            }
            return List.copyOf(out);
        }
        AlterTable at = AlterTable.parse(t);
        if (at == null) return out;
        for (Range r : at.alterColumnActions(t)) {
            if (!Tokens.is(t, r.from(), "ADD")) continue;
            IdentityClause id = IdentityClause.find(t, r.from(), r.to());
            if (id != null) out.add(new Declared(null, id));
        }
        return List.copyOf(out);
    }
}
