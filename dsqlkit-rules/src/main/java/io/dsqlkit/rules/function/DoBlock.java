package io.dsqlkit.rules.function;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/** dsql-facts §1.1: DO blocks run PL/pgSQL (or another procedural language), which DSQL lacks. */
public final class DoBlock extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the refusal is documented, its text is not; this follows
    // DSQL's "unsupported statement: <PostgreSQL node name>" pattern (DoStmt).
    static final String MESSAGE = "unsupported statement: Do";

    public DoBlock() {
        super("do-block", MESSAGE,
                "run the statements from the application or a migration tool; DSQL has no PL/pgSQL",
                "DO");
    }

    @Override
    protected Fix fix(StatementContext ctx, int end) {
        return Fix.unfixable("procedural code must be rewritten as plain SQL statements");
    }
}
