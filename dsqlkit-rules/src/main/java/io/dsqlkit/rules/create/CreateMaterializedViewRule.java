package io.dsqlkit.rules.create;

/** dsql-facts §1.1: DSQL refuses this statement outright. */
public final class CreateMaterializedViewRule extends RejectedStatementRule {
    public CreateMaterializedViewRule() {
        super("create-materialized-view", "unsupported statement: CreateTableAs",
                "use a plain view, or a table refreshed by the application (DELETE + INSERT ... SELECT in batches)", "CREATE", "?OR REPLACE", "MATERIALIZED", "VIEW");
    }
}
