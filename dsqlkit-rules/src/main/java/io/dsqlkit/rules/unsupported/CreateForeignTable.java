package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateForeignTable extends RejectedStatementRule {
    public CreateForeignTable() {
        super("create-foreign-table", "unsupported statement: CreateForeignTable",
                "DSQL has no foreign data wrappers; load the data into a regular table", "CREATE", "FOREIGN", "TABLE");
    }
}
