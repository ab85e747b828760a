package io.dsqlkit.rules.create;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateTablespaceRule extends RejectedStatementRule {
    public CreateTablespaceRule() {
        super("create-tablespace", "unsupported statement: CreateTableSpace",
                "DSQL manages storage itself; remove the statement and any TABLESPACE clauses", "CREATE", "TABLESPACE");
    }
}
