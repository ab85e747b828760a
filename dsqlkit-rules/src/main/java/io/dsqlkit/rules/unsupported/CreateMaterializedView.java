package io.dsqlkit.rules.unsupported;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateMaterializedView extends RejectedStatementRule {
    public CreateMaterializedView() {
        super("create-materialized-view", "unsupported statement: CreateTableAs",
                "use a plain view, or a table refreshed by the application (DELETE + INSERT ... SELECT in batches)", "CREATE", "?OR REPLACE", "MATERIALIZED", "VIEW");
    }
}
