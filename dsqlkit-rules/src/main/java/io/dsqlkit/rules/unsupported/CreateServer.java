package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: foreign servers are refused (there are no foreign data wrappers). */
public final class CreateServer extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1): the text follows the "unsupported statement: <node>" pattern
    // (CreateForeignServerStmt).
    static final String MESSAGE = "unsupported statement: CreateForeignServer";

    public CreateServer() {
        super("create-server", MESSAGE,
                "DSQL has no foreign data wrappers; move the data with an ETL job or the application",
                "CREATE", "SERVER");
    }
}
