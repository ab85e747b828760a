package io.dsqlkit.rules.table;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: no tablespaces; DSQL places data itself, so the clause can go. */
public final class CreateTableTablespace extends CreateTableClauseRule {
    // UNVERIFIED (dsql-facts §1.6, §9.9): text inferred from DSQL's "<clause> not supported for CREATE TABLE" form.
    static final String MESSAGE = message("TABLESPACE");

    public CreateTableTablespace() {
        super("create-table-tablespace", "remove the TABLESPACE clause: DSQL manages storage placement");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, CreateTable ct) {
        int ts = ct.tail(t, "TABLESPACE");
        if (ts < 0 || !Tokens.isName(t, ts + 1)) return;
        Token prev = t.get(ts - 1), last = t.get(ts + 1);
        ctx.report(this, t.get(ts), last, MESSAGE,
                Fix.of("remove the TABLESPACE clause", TextEdit.delete(prev.end(), last.end() - prev.end())));
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
