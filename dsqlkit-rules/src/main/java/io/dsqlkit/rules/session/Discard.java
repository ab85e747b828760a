package io.dsqlkit.rules.session;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

/** dsql-facts §1.1: DISCARD is refused. */
public final class Discard extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the text follows the "unsupported statement: <node>" pattern (DiscardStmt).
    static final String MESSAGE = "unsupported statement: Discard";

    public Discard() {
        super("discard", MESSAGE,
                "remove it; pools that reset sessions with DISCARD ALL should use DEALLOCATE ALL or RESET instead",
                "DISCARD");
    }
}
