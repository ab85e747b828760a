package io.dsqlkit.rules.create;

/** dsql-facts §1.1: DISCARD is refused. */
public final class DiscardRule extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the text follows the "unsupported statement: <node>" pattern (DiscardStmt).
    static final String MESSAGE = "unsupported statement: Discard";

    public DiscardRule() {
        super("discard", MESSAGE,
                "remove it; pools that reset sessions with DISCARD ALL should use DEALLOCATE ALL or RESET instead",
                "DISCARD");
    }
}
