package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.sql.Statement;

/**
 * DDL and DML cannot share a transaction; the first statement of the other kind fails
 * (dsql-facts §1.2). Plain SELECTs are neither.
 */
public final class DdlAndDmlInTransaction extends BaseRule implements ScriptRule {
    public DdlAndDmlInTransaction() {
        super("ddl-and-dml-in-transaction", DsqlErrors.DDL_AND_DML.sqlstate(),
                "commit the schema change before writing data (or the data before the schema change): one transaction each",
                ALL_PROFILES, DsqlErrors.DDL_AND_DML.message());
    }

    @Override
    public void check(ScriptContext ctx) {
        for (TransactionShape.Violation v : TransactionShape.violations(ctx.statements())) {
            if (v.error() != DsqlErrors.DDL_AND_DML) continue;
            Statement s = v.statement();
            int from = s.first().offset();
            ctx.report(this, from, s.sql().length(), v.error().message(), SplitFix.before(ctx.source(), v.block(), s));
        }
    }
}
