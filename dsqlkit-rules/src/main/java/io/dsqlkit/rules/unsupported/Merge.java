package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: MERGE. */
public final class Merge extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1): the text is the Dreamescaper emulator's rule; no recording.
    static final String MESSAGE = "unsupported statement type: MERGE";

    public Merge() {
        super("merge", MESSAGE,
                "use INSERT ... ON CONFLICT (col) DO UPDATE, or separate UPDATE and INSERT statements",
                "MERGE", "INTO");
    }
}
