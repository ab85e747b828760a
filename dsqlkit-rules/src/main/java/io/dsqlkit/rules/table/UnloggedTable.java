package io.dsqlkit.rules.table;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: UNLOGGED is refused; every DSQL table is durable, so dropping the word is safe. */
public final class UnloggedTable extends RejectedStatementRule {
    public UnloggedTable() {
        super("unlogged-table", "UNLOGGED table not supported for CREATE TABLE",
                "remove UNLOGGED: DSQL tables are always durable and replicated",
                "CREATE", "UNLOGGED", "TABLE");
    }

    @Override
    protected boolean accept(List<Token> t, int end) {
        // CREATE TEMP TABLE ... AS is a CreateTableAs statement, refused as such (create-table-as).
        CreateTable ct = CreateTable.parse(t);
        return ct == null || !ct.isCreateTableAs();
    }

    @Override
    protected Fix fix(StatementContext ctx, int end) {
        List<Token> t = ctx.tokens();
        Token unlogged = t.get(1);
        return Fix.of("remove UNLOGGED", TextEdit.delete(unlogged.offset(), t.get(2).offset() - unlogged.offset()));
    }
}
