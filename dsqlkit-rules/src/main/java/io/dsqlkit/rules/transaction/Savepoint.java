package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;

/**
 * DSQL has no subtransactions: SAVEPOINT and ROLLBACK TO are refused (dsql-facts §1.1, recorded);
 * RELEASE by analogy.
 */
public final class Savepoint extends BaseRule implements StatementRule {
    public static final String SAVEPOINT = "unsupported transaction statement: SAVEPOINT";
    public static final String ROLLBACK_TO = "unsupported transaction statement: ROLLBACK TO";
    // UNVERIFIED (dsql-facts §1.1): emulator rule by analogy with the two recorded texts.
    public static final String RELEASE = "unsupported transaction statement: RELEASE";

    public Savepoint() {
        super("savepoint", "0A000",
                "DSQL has no savepoints: keep transactions short and retry the whole transaction instead of rolling back part of it",
                ALL_PROFILES, SAVEPOINT, ROLLBACK_TO, RELEASE);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        String message;
        int last = 0;
        if (t.kw(0, "SAVEPOINT")) {
            message = SAVEPOINT;
        } else if (t.kw(0, "RELEASE")) {
            message = RELEASE;
        } else if (t.kw(0, "ROLLBACK", "ABORT")) {
            int i = t.kw(1, "WORK", "TRANSACTION") ? 2 : 1;
            if (!t.kw(i, "TO")) return;
            message = ROLLBACK_TO;
            last = i;
        } else {
            return;
        }
        ctx.report(this, t.at(0), t.at(last), message, Fix.unfixable(
                "a savepoint's meaning is in the error handling around it; without subtransactions the whole transaction "
                        + "must be retried, which only the code running it can do"));
    }
}
