package io.dsqlkit.rules.types;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §0, §1.4: json and jsonb columns arrived in May 2026; the GA surface (2025-05) had
 * neither. Not flagged under the current profile.
 */
public final class JsonType extends ColumnTypeRule {
    public JsonType() {
        super("json-type", "0A000",
                "on the 2025-05 surface store JSON as text and parse it with ::jsonb at query time",
                before(Profile.DSQL_2026_09));
    }

    // UNVERIFIED (dsql-facts §0, §1.4): no recording from before May 2026; assumed to follow the
    // "datatype <name> not supported" form DSQL uses for every other refused column type.
    static String message(String name) {
        return "datatype " + name + " not supported";
    }

    @Override
    void check(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        if (c.type().isArray()) return;
        String name = c.type().canonical();
        if (!name.equals("json") && !name.equals("jsonb")) return;
        Fix fix = typeChangeUnsafe(t, c)
                ? Fix.unfixable("the column's DEFAULT, CHECK or generation expression is written for " + name)
                : Fix.of("store the JSON as text (cast with ::jsonb in queries)", replaceType(t, c, "text"));
        reportOnType(ctx, t, c, message(name), fix);
    }

    @Override
    public List<String> messages() {
        return List.of(message("json"), message("jsonb"));
    }
}
