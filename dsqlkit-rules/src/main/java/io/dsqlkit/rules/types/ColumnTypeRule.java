package io.dsqlkit.rules.types;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.rules.syntax.TableColumns;
import io.dsqlkit.sql.Token;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A rule about the declared type of columns in CREATE TABLE and ALTER TABLE ... ADD COLUMN
 * (dsql-facts §1.4, §1.7: column types are checked in both).
 */
abstract class ColumnTypeRule extends BaseRule implements StatementRule {
    ColumnTypeRule(String id, String sqlstate, String help, Set<Profile> profiles) {
        super(id, sqlstate, help, profiles);
    }

    ColumnTypeRule(String id, String sqlstate, String help) {
        this(id, sqlstate, help, EnumSet.allOf(Profile.class));
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (ColumnDefinition c : TableColumns.of(t)) check(ctx, t, c);
    }

    abstract void check(StatementContext ctx, List<Token> t, ColumnDefinition column);

    void reportOnType(StatementContext ctx, List<Token> t, ColumnDefinition c, String message, Fix fix) {
        ctx.report(this, c.type().first(t), c.type().last(t), message, fix);
    }

    /** Replaces the whole type (array bounds included) with {@code replacement}. */
    static TextEdit replaceType(List<Token> t, ColumnDefinition c, String replacement) {
        Token first = c.type().first(t), last = c.type().last(t);
        return new TextEdit(first.offset(), last.end() - first.offset(), replacement);
    }

    /**
     * Whether changing this column's type could break its other clauses: a DEFAULT, CHECK or
     * generation expression is written for the old type.
     */
    static boolean typeChangeUnsafe(List<Token> t, ColumnDefinition c) {
        return c.has(t, "DEFAULT") || c.has(t, "CHECK") || c.has(t, "GENERATED") || c.has(t, "REFERENCES");
    }
}
