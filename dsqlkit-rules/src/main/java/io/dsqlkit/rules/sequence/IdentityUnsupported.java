package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.IdentityColumns;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §0: the GA surface (2025-05) had no identity columns. */
public final class IdentityUnsupported extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §0): no recording from before 2026.
    static final String MESSAGE = "identity columns are not supported";

    public IdentityUnsupported() {
        super("identity-unsupported", "0A000",
                "on the 2025-05 surface use uuid DEFAULT gen_random_uuid() keys",
                before(Profile.DSQL_2026_09));
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (IdentityColumns.Declared d : IdentityColumns.of(t)) {
            ctx.report(this, t.get(d.identity().generated()), t.get(d.identity().identity()), MESSAGE,
                    Fix.unfixable("changing the key to uuid changes its type for every query and reference"));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
