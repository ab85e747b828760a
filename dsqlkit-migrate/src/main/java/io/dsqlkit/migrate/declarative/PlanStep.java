package io.dsqlkit.migrate.declarative;

/**
 * One step of a schema plan: one statement, run in its own DSQL transaction.
 *
 * @param action      what it does, e.g. "add column", "recreate table: copy rows"
 * @param object      the object it acts on, qualified
 * @param destructive drops data or an object holding data (needs confirmation)
 */
public record PlanStep(String action, String object, String sql, Runs runs, boolean destructive) {
    /** How the migration runner executes the step (dsql-facts §1.2, §2, §4). */
    public enum Runs {
        DDL("ddl", "DDL alone in its own transaction"),
        ASYNC("async", "async DDL, then CALL sys.wait_for_job"),
        BACKFILL("backfill", "batched backfill in primary-key chunks under 3,000 rows / 10 MiB"),
        COPY("copy", "chunked copy in primary-key chunks under 3,000 rows / 10 MiB"),
        ASSERT("assert", "check query; stops the run when false");

        public final String id;
        public final String description;

        Runs(String id, String description) {
            this.id = id;
            this.description = description;
        }
    }
}
