package io.dsqlkit.rules.create;

/** dsql-facts §1.1: triggers cannot be created (ALTER TABLE ... ENABLE/DISABLE TRIGGER is accepted, §0). */
public final class CreateTriggerRule extends RejectedStatementRule {
    public CreateTriggerRule() {
        super("create-trigger", "CREATE TRIGGER not supported",
                "DSQL has no triggers; do the work in the application, in the same transaction as the write",
                "CREATE", "?OR REPLACE", "?CONSTRAINT", "TRIGGER");
    }
}
