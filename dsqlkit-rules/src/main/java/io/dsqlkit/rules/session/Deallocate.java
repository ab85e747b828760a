package io.dsqlkit.rules.session;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1: {@code DEALLOCATE name} is refused; {@code DEALLOCATE ALL} is supported (drivers send it). */
public final class Deallocate extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the text follows the "unsupported statement: <node>" pattern (DeallocateStmt).
    static final String MESSAGE = "unsupported statement: Deallocate";

    public Deallocate() {
        super("deallocate", MESSAGE,
                "SQL-level prepared statements do not exist in DSQL; remove it (DEALLOCATE ALL is accepted)",
                "DEALLOCATE", "?PREPARE");
    }

    @Override
    protected boolean accept(List<Token> t, int end) {
        return end < t.size() && !t.get(end).isKeyword("ALL");
    }
}
