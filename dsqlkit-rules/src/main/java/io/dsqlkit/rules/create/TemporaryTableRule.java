package io.dsqlkit.rules.create;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/** dsql-facts §1.1, §1.6: temporary tables are refused. */
public final class TemporaryTableRule extends RejectedStatementRule {
    public TemporaryTableRule() {
        super("temporary-table", "TEMPORARY or TEMP table not supported for CREATE TABLE",
                "DSQL has no temporary tables; use a regular table (dropped afterwards) or a CTE",
                "CREATE", "?GLOBAL|LOCAL", "TEMPORARY|TEMP", "TABLE");
    }

    @Override
    Fix fix(StatementContext ctx, int end) {
        return Fix.unfixable("a regular table is shared by all sessions and outlives the session; "
                + "choose a unique name and drop it yourself");
    }
}
