package io.dsqlkit.rules.unsupported;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: CREATE TABLE ... AS is refused. */
public final class CreateTableAs extends BaseRule implements StatementRule {
    static final String MESSAGE = "unsupported statement: CreateTableAs";

    public CreateTableAs() {
        super("create-table-as", "0A000",
                "create the table with CREATE TABLE, then fill it with INSERT INTO ... SELECT in a separate transaction");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        CreateTable ct = CreateTable.parse(t);
        if (ct == null || !ct.isCreateTableAs()) return;
        ctx.report(this, t.get(0), t.get(ct.as()), MESSAGE,
                Fix.unfixable("the column types of the query's result must be written out in a CREATE TABLE"));
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
