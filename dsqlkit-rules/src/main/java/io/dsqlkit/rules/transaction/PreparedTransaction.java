package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;

/** Two-phase commit (PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED) is not offered. */
public final class PreparedTransaction extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9): not recorded; follows the SAVEPOINT family's "unsupported transaction statement: X".
    public static final String PREPARE = "unsupported transaction statement: PREPARE TRANSACTION";
    public static final String COMMIT = "unsupported transaction statement: COMMIT PREPARED";
    public static final String ROLLBACK = "unsupported transaction statement: ROLLBACK PREPARED";

    public PreparedTransaction() {
        super("prepared-transaction", "0A000",
                "DSQL has no two-phase commit: commit normally, and make the cross-system step idempotent (outbox pattern)",
                ALL_PROFILES, PREPARE, COMMIT, ROLLBACK);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        String message;
        if (t.kwSeq(0, "PREPARE", "TRANSACTION")) message = PREPARE;
        else if (t.kwSeq(0, "COMMIT", "PREPARED")) message = COMMIT;
        else if (t.kwSeq(0, "ROLLBACK", "PREPARED")) message = ROLLBACK;
        else return;
        ctx.report(this, t.at(0), t.at(1), message, Fix.unfixable(
                "two-phase commit coordinates with another system; that protocol has to be replaced, not rewritten"));
    }
}
