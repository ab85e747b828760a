package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.sql.Statement;

/**
 * A transaction may hold one DDL statement; the second one fails (dsql-facts §1.2). GRANT, REVOKE
 * and CREATE INDEX ASYNC count as DDL. Statements outside BEGIN ... COMMIT are autocommitted one
 * by one (psql -f), so only explicit blocks are checked.
 */
public final class MultipleDdlInTransaction extends BaseRule implements ScriptRule {
    public MultipleDdlInTransaction() {
        super("multiple-ddl-in-transaction", DsqlErrors.MULTIPLE_DDL.sqlstate(),
                "run each DDL statement (including GRANT/REVOKE and CREATE INDEX ASYNC) in its own transaction",
                ALL_PROFILES, DsqlErrors.MULTIPLE_DDL.message());
    }

    @Override
    public void check(ScriptContext ctx) {
        for (TransactionShape.Violation v : TransactionShape.violations(ctx.statements())) {
            if (v.error() != DsqlErrors.MULTIPLE_DDL) continue;
            Statement s = v.statement();
            int from = s.first().offset();
            ctx.report(this, from, s.sql().length(), v.error().message(), SplitFix.before(ctx.source(), v.block(), s));
        }
    }
}
