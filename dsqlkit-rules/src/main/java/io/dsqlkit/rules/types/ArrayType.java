package io.dsqlkit.rules.types;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.4: arrays work at run time but not as column types; DSQL echoes the array type
 * the way PostgreSQL prints it ({@code int[]} becomes {@code integer[]}).
 */
public final class ArrayType extends ColumnTypeRule {
    public ArrayType() {
        super("array-type", "0A000",
                "store the list as jsonb (text on the 2025-05 surface), or in a child table with one row per element");
    }

    static String message(String displayName) {
        return "datatype " + displayName + " not supported";
    }

    @Override
    void check(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        if (!c.type().isArray()) return;
        reportOnType(ctx, t, c, message(c.type().displayName()), fix(ctx, t, c));
    }

    private static Fix fix(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        if (typeChangeUnsafe(t, c)) {
            return Fix.unfixable("the column's DEFAULT, CHECK or generation expression is written for an array");
        }
        if (ctx.profile().isAtLeast(Profile.DSQL_2026_09)) {
            return Fix.of("store the array as a jsonb array (queries must change from arr[i] to arr->i)",
                    replaceType(t, c, "jsonb"));
        }
        return Fix.of("store the array as text (the 2025-05 surface has no jsonb columns; cast at query time)",
                replaceType(t, c, "text"));
    }

    @Override
    public List<String> messages() {
        return List.of(message("integer[]"), message("text[]"));
    }
}
