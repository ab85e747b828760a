package io.dsqlkit.rules.table;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: temporary tables are refused. */
public final class TemporaryTable extends RejectedStatementRule {
    public TemporaryTable() {
        super("temporary-table", "TEMPORARY or TEMP table not supported for CREATE TABLE",
                "DSQL has no temporary tables; use a regular table (dropped afterwards) or a CTE",
                "CREATE", "?GLOBAL|LOCAL", "TEMPORARY|TEMP", "TABLE");
    }

    @Override
    protected boolean accept(List<Token> t, int end) {
        // CREATE TEMP TABLE ... AS is a CreateTableAs statement, refused as such (create-table-as).
        CreateTable ct = CreateTable.parse(t);
        return ct == null || !ct.isCreateTableAs();
    }

    @Override
    protected Fix fix(StatementContext ctx, int end) {
        return Fix.unfixable("a regular table is shared by all sessions and outlives the session; "
                + "choose a unique name and drop it yourself");
    }
}
