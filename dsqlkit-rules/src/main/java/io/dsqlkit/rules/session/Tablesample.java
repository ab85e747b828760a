package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.TokenType;

/** {@code TABLESAMPLE} is refused (dsql-facts §1.1, recorded). */
public final class Tablesample extends BaseRule implements StatementRule {
    public static final String MESSAGE = "TABLESAMPLE clause not supported";

    public Tablesample() {
        super("tablesample", "0A000",
                "sample with WHERE random() < fraction (reads every row) or with LIMIT on an indexed range",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        for (int i = 0; i < t.size(); i++) {
            if (!t.kw(i, "TABLESAMPLE") || !t.isName(i + 1) || !t.is(i + 2, TokenType.LPAREN)) continue;
            int close = t.closing(i + 2);
            if (t.kw(close + 1, "REPEATABLE")) close = t.closing(close + 2);
            ctx.report(this, t.at(i), t.at(close), MESSAGE, Fix.unfixable(
                    "a block sample has no row-level equivalent that costs the same; WHERE random() < p reads the whole table"));
        }
    }
}
