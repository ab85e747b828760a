package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;

/**
 * Only FOR UPDATE and (since 2026-08-25) FOR KEY SHARE exist (dsql-facts §1.1, §0, §3). Both take
 * no lock: they make the rows conflict at commit. FOR SHARE and FOR NO KEY UPDATE become FOR
 * UPDATE, which conflicts with at least everything they did, so the rows stay protected (at the
 * price of more retries).
 */
public final class LockingClause extends BaseRule implements StatementRule {
    public static final String MESSAGE = "locking clauses other than FOR UPDATE/FOR KEY SHARE are not supported";
    // UNVERIFIED (dsql-facts §0): FOR KEY SHARE was added 2026-08-25; the earlier text is assumed to name FOR UPDATE only.
    public static final String GA_MESSAGE = "locking clauses other than FOR UPDATE are not supported";

    public LockingClause() {
        super("locking-clause", "0A000",
                "use FOR UPDATE (or FOR KEY SHARE to protect only key columns); DSQL checks the rows at commit instead of locking",
                ALL_PROFILES, MESSAGE, GA_MESSAGE);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        boolean ga = !ctx.profile().isAtLeast(Profile.DSQL_2026_09);
        for (int i = 0; i < t.size(); i++) {
            if (!t.kw(i, "FOR")) continue;
            int last;
            if (t.kw(i + 1, "SHARE")) last = i + 1;
            else if (t.kwSeq(i + 1, "NO", "KEY", "UPDATE")) last = i + 3;
            else if (ga && t.kwSeq(i + 1, "KEY", "SHARE")) last = i + 2;
            else continue;
            int from = t.at(i).offset();
            ctx.report(this, t.at(i), t.at(last), ga ? GA_MESSAGE : MESSAGE,
                    Fix.of("use FOR UPDATE, which conflicts with every write the original clause guarded against",
                            new TextEdit(from, t.at(last).end() - from, "FOR UPDATE")));
            i = last;
        }
    }
}
