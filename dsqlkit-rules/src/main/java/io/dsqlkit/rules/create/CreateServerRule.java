package io.dsqlkit.rules.create;

/** dsql-facts §1.1: foreign servers are refused (there are no foreign data wrappers). */
public final class CreateServerRule extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1): the text follows the "unsupported statement: <node>" pattern
    // (CreateForeignServerStmt).
    static final String MESSAGE = "unsupported statement: CreateForeignServer";

    public CreateServerRule() {
        super("create-server", MESSAGE,
                "DSQL has no foreign data wrappers; move the data with an ETL job or the application",
                "CREATE", "SERVER");
    }
}
