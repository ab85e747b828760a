package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;

/** DSQL is lock-free (optimistic concurrency): {@code LOCK TABLE} is refused (dsql-facts §1.1, [PGDUMP]). */
public final class LockTable extends BaseRule implements StatementRule {
    public static final String MESSAGE = "unsupported statement: Lock";

    public LockTable() {
        // SQLSTATE not given by [PGDUMP]; 0A000 like every "unsupported statement: X" refusal. UNVERIFIED (dsql-facts §1.1)
        super("lock-table", "0A000",
                "DSQL has no table locks: conflicting writers fail at COMMIT with 40001, so retry the transaction; use SELECT ... FOR UPDATE to guard rows",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        if (!t.kw(0, "LOCK")) return;
        ctx.report(this, t.at(0), t.at(t.kw(1, "TABLE") ? 1 : 0), MESSAGE, Fix.unfixable(
                "a table lock serialises writers; on DSQL they run concurrently and the loser gets 40001 at commit, "
                        + "so the code around it must retry instead"));
    }
}
