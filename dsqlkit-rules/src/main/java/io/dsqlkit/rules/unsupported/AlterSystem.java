package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class AlterSystem extends RejectedStatementRule {
    public AlterSystem() {
        super("alter-system", "unsupported statement: AlterSystem",
                "server configuration is managed by AWS; only a small set of session parameters can be SET", "ALTER", "SYSTEM");
    }
}
