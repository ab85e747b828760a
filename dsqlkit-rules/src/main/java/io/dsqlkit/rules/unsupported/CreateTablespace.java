package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateTablespace extends RejectedStatementRule {
    public CreateTablespace() {
        super("create-tablespace", "unsupported statement: CreateTableSpace",
                "DSQL manages storage itself; remove the statement and any TABLESPACE clauses", "CREATE", "TABLESPACE");
    }
}
