package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateDatabase extends RejectedStatementRule {
    public CreateDatabase() {
        super("create-database", "unsupported statement: Createdb",
                "a DSQL cluster has exactly one database, postgres; use schemas (at most 10) or another cluster", "CREATE", "DATABASE");
    }
}
