package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;

/** dsql-facts §0: the GA surface (2025-05) had no sequences. */
public final class SequenceUnsupported extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §0): no recording from before 2026; follows the "unsupported statement: <node>"
    // pattern (CreateSeqStmt).
    static final String MESSAGE = "unsupported statement: CreateSeq";

    public SequenceUnsupported() {
        super("sequence-unsupported", "0A000", MESSAGE,
                "on the 2025-05 surface use uuid keys (DEFAULT gen_random_uuid()) instead of sequences",
                before(Profile.DSQL_2026_09), "CREATE", "?TEMPORARY|TEMP|UNLOGGED", "SEQUENCE");
    }

    @Override
    protected Fix fix(StatementContext ctx, int end) {
        return Fix.unfixable("the 2025-05 surface has no sequences; generate keys with gen_random_uuid()");
    }
}
