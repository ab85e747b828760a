package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: triggers cannot be created (ALTER TABLE ... ENABLE/DISABLE TRIGGER is accepted, §0). */
public final class CreateTrigger extends RejectedStatementRule {
    public CreateTrigger() {
        super("create-trigger", "CREATE TRIGGER not supported",
                "DSQL has no triggers; do the work in the application, in the same transaction as the write",
                "CREATE", "?OR REPLACE", "?CONSTRAINT", "TRIGGER");
    }
}
