package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/**
 * Expression indexes arrived on 2026-08-13 (dsql-facts §0); the GA surface indexed plain columns
 * only. Applies to the 2025-05 profile only.
 */
public final class CreateIndexExpression extends CreateIndexRule {
    // UNVERIFIED (dsql-facts §0): no recorded 2025 text; follows DSQL's "<feature> not supported for CREATE INDEX" pattern.
    public static final String MESSAGE = "expressions not supported for CREATE INDEX";

    public CreateIndexExpression() {
        super("create-index-expression", "0A000",
                "expression indexes need DSQL from 2026-08 on; store the computed value in a column and index it",
                GA_ONLY, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        for (CreateIndexStatement.IndexKey k : s.keys) {
            if (!k.expression) continue;
            ctx.report(this, s.t.at(k.from), s.t.at(k.to), MESSAGE,
                    Fix.unfixable("an expression cannot be indexed without a column holding its value; add one and keep it up to date"));
            return;
        }
    }
}
