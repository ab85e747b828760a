package io.dsqlkit.rules.table;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: ON COMMIT (a temporary-table clause) is not accepted. */
public final class CreateTableOnCommit extends CreateTableClauseRule {
    // UNVERIFIED (dsql-facts §1.6, §9.9): text inferred from DSQL's "<clause> not supported for CREATE TABLE" form.
    static final String MESSAGE = message("ON COMMIT");

    public CreateTableOnCommit() {
        super("create-table-on-commit",
                "DSQL has no temporary tables; use a regular table and delete its rows (or drop it) yourself");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, CreateTable ct) {
        int on = ct.tail(t, "ON");
        if (on < 0 || !Tokens.is(t, on + 1, "COMMIT")) return;
        ctx.report(this, t.get(on), t.get(on + 1), MESSAGE,
                Fix.unfixable("ON COMMIT describes a temporary table's lifetime, which a regular table does not have"));
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
