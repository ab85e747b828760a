package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Tokens;

/**
 * {@code SET TRANSACTION ...} is refused as a configuration parameter named TRANSACTION, even for
 * REPEATABLE READ or READ ONLY (dsql-facts §1.3, recorded). PostgreSQL parses {@code SET SESSION
 * CHARACTERISTICS AS TRANSACTION} the same way under the name "SESSION CHARACTERISTICS".
 * A non-REPEATABLE READ level is reported by {@link IsolationLevel} instead, as DSQL does.
 */
public final class SetTransaction extends BaseRule implements StatementRule {
    public static final String MESSAGE = "setting configuration parameter \"TRANSACTION\" not supported";
    // UNVERIFIED (dsql-facts §1.3): inferred from PostgreSQL's VariableSetStmt name for this form.
    public static final String SESSION_MESSAGE = "setting configuration parameter \"SESSION CHARACTERISTICS\" not supported";

    public SetTransaction() {
        super("set-transaction", "0A000",
                "put transaction modes on BEGIN (BEGIN READ ONLY); the isolation level is always REPEATABLE READ",
                ALL_PROFILES, MESSAGE, SESSION_MESSAGE);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        TransactionModes m = TransactionModes.parse(t);
        if (m == null || m.form == TransactionModes.Form.BEGIN) return;
        if (m.isolation >= 0 && !m.repeatableRead(t)) return;
        Fix fix = m.isolation >= 0 && m.onlyIsolation(t)
                ? Fix.of("remove the statement: every DSQL transaction is REPEATABLE READ already",
                        Edits.deleteStatement(ctx.source(), ctx.statement()))
                : Fix.unfixable("READ ONLY / READ WRITE / DEFERRABLE must move onto the BEGIN of each transaction (BEGIN READ ONLY)");
        String message = m.form == TransactionModes.Form.SET_TRANSACTION ? MESSAGE : SESSION_MESSAGE;
        ctx.report(this, t.at(0), t.at(m.modesFrom - 1), message, fix);
    }
}
