package io.dsqlkit.migrate.schema;

/** How the runner executes one statement of a migration on DSQL. */
public enum StepKind {
    /** One DDL alone in its own transaction (dsql-facts §1.2); recovery on resume is by idempotence (see docs/migrate.md). */
    DDL("DDL, own transaction"),
    /** CREATE INDEX ASYNC / ALTER TABLE ASYNC: returns a job id, waited on with CALL sys.wait_for_job (§4). */
    ASYNC_DDL("async DDL, own transaction, then CALL sys.wait_for_job"),
    /** INSERT/UPDATE/DELETE or a query: one transaction that also records the history row (exactly once). */
    DML("DML, one transaction with its history row"),
    /** UPDATE/DELETE preceded by {@code -- dsqlkit:batch}: walked in primary-key chunks under the 3,000-row limit. */
    BATCHED_DML("batched DML, primary-key chunks with checkpoint"),
    /** SET and friends: re-run on every (resumed) run so the session matches. */
    SESSION("session setting, re-applied on resume"),
    /** CALL, ANALYZE ...: autocommit, like DDL. */
    UTILITY("utility, own transaction");

    private final String description;

    StepKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
