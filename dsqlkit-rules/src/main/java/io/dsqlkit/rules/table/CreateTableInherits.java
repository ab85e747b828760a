package io.dsqlkit.rules.table;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: no table inheritance. */
public final class CreateTableInherits extends CreateTableClauseRule {
    // UNVERIFIED (dsql-facts §1.6, §9.9): text inferred from DSQL's "<clause> not supported for CREATE TABLE" form.
    static final String MESSAGE = message("INHERITS");

    public CreateTableInherits() {
        super("create-table-inherits",
                "copy the parent's columns (CREATE TABLE ... (LIKE parent)) instead of inheriting them");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, CreateTable ct) {
        int i = ct.tail(t, "INHERITS");
        if (i >= 0) {
            ctx.report(this, t.get(i), MESSAGE,
                    Fix.unfixable("queries on the parent would no longer see this table's rows"));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
