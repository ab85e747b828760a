package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Tokens;

/**
 * DSQL runs every transaction at REPEATABLE READ (snapshot isolation) and refuses to be asked for
 * another level (dsql-facts §1.3). Recorded for SERIALIZABLE in BEGIN and SET TRANSACTION.
 */
public final class IsolationLevel extends BaseRule implements StatementRule {
    public static final String MESSAGE = "Unsupported isolation level: SERIALIZABLE";

    public IsolationLevel() {
        // READ COMMITTED / READ UNCOMMITTED: UNVERIFIED (dsql-facts §1.3, §9), assumed to echo the level the same way.
        super("isolation-level", "0A000",
                "DSQL always runs REPEATABLE READ (snapshot isolation); ask for that or omit the level, and retry on 40001",
                ALL_PROFILES, MESSAGE, "Unsupported isolation level: READ COMMITTED");
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        TransactionModes m = TransactionModes.parse(t);
        if (m == null || m.isolation < 0 || m.repeatableRead(t)) return;
        Fix fix;
        if (m.form == TransactionModes.Form.BEGIN) {
            int from = t.at(m.levelFrom).offset();
            fix = Fix.of("ask for REPEATABLE READ, the only level DSQL has",
                    new TextEdit(from, t.at(m.levelTo).end() - from, "REPEATABLE READ"));
        } else if (m.onlyIsolation(t)) {
            fix = Fix.of("remove the statement: every DSQL transaction is REPEATABLE READ already",
                    Edits.deleteStatement(ctx.source(), ctx.statement()));
        } else {
            fix = Fix.unfixable("the statement also sets other transaction modes; DSQL accepts those only on BEGIN (e.g. BEGIN READ ONLY)");
        }
        ctx.report(this, t.at(m.isolation), t.at(m.levelTo), "Unsupported isolation level: " + m.level(t), fix);
    }
}
