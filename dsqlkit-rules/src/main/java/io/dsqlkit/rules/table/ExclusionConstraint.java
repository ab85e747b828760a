package io.dsqlkit.rules.table;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1, §1.6: exclusion constraints are not supported. */
public final class ExclusionConstraint extends CreateTableClauseRule {
    // UNVERIFIED (dsql-facts §1.6, §9.9): text inferred from DSQL's "<clause> not supported for CREATE TABLE" form.
    static final String MESSAGE = message("EXCLUDE");

    public ExclusionConstraint() {
        super("exclusion-constraint",
                "enforce the exclusion in the application (DSQL's OCC makes the check-then-insert safe at commit)");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, CreateTable ct) {
        for (Range r : ct.tableConstraints(t)) {
            int i = r.from();
            if (Tokens.is(t, i, "CONSTRAINT")) i += 2;
            if (!Tokens.is(t, i, "EXCLUDE")) continue;
            ctx.report(this, t.get(i), MESSAGE, Fix.unfixable("no equivalent constraint exists in DSQL"));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
