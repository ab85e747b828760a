package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/**
 * Partial indexes arrived on 2026-09-15 (dsql-facts §0, §4); before that {@code WHERE} in CREATE
 * INDEX was refused. Applies to the 2025-05 profile only.
 */
public final class CreateIndexWhere extends CreateIndexRule {
    public static final String MESSAGE = "WHERE not supported for CREATE INDEX";

    public CreateIndexWhere() {
        super("create-index-where", "0A000",
                "partial indexes need DSQL from 2026-09 on; index all rows, or target the 2026-09 profile",
                GA_ONLY, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.where < 0) return;
        ctx.report(this, s.t.at(s.where), s.t.at(s.t.size() - 1), MESSAGE,
                Fix.unfixable("dropping WHERE indexes every row, and for a UNIQUE index makes more rows conflict"));
    }
}
