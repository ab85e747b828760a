package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.IdentityColumns;
import io.dsqlkit.rules.syntax.TypeName;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.5: identity columns must be bigint. */
public final class IdentityTypeBigint extends BaseRule implements StatementRule {
    public IdentityTypeBigint() {
        super("identity-type-bigint", "0A000", "declare identity columns as bigint",
                since(Profile.DSQL_2026_09));
    }

    static String message(String type) {
        return "datatype " + type + " not supported, identity column type must be bigint";
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (IdentityColumns.Declared d : IdentityColumns.of(t)) {
            if (d.column() == null) continue;
            TypeName type = d.column().type();
            String name = type.canonical();
            if (type.isArray() || !(name.equals("integer") || name.equals("smallint"))) continue;
            Token first = type.first(t), last = type.last(t);
            ctx.report(this, first, last, message(name), Fix.of("change the column type to bigint",
                    new TextEdit(first.offset(), last.end() - first.offset(), "bigint")));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(message("integer"), message("smallint"));
    }
}
