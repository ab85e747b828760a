package io.dsqlkit.local.catalog;

import io.dsqlkit.client.Transactions;
import io.dsqlkit.local.behaviour.DsqlBehaviour.BackendConnector;
import io.dsqlkit.local.jobs.JobId;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Installs DSQL's {@code sys} schema in the PostgreSQL behind the gateway (dsql-facts §4, §5, §6):
 * {@code sys.jobs} with the nine recorded columns, the procedure {@code sys.wait_for_job(text)} and
 * {@code sys.iam_pg_role_mappings}. Everything in {@code sys} is readable by every role (DSQL's
 * {@code admin} and custom roles read it) and writable only by the superuser the jobs run as.
 */
public final class SysCatalog {
    /** Details of a job left unfinished when the local DSQL stopped (our text; DSQL has no such case). */
    public static final String INTERRUPTED_DETAILS = "interrupted: the local DSQL stopped before the job finished";

    /**
     * dsql-facts §4: "cannot run inside a transaction block" ([FLYWAY]); the SQLSTATE and exact text
     * are UNVERIFIED (PostgreSQL's wording and code for statements that must run outside one).
     */
    public static final io.dsqlkit.rules.DsqlError WAIT_IN_TRANSACTION_BLOCK = new io.dsqlkit.rules.DsqlError("25001",
            "sys.wait_for_job cannot run inside a transaction block");

    private SysCatalog() {}

    /** Idempotent: safe on every start, also over a data folder from an earlier run. */
    public static void install(BackendConnector backend, Duration waitForJobTimeout) throws SQLException {
        try (Connection c = backend.connect(); Statement s = c.createStatement()) {
            Transactions.inTransaction(c, tx -> {
                for (String sql : statements(waitForJobTimeout)) s.execute(sql);
                return null;
            });
        }
    }

    static List<String> statements(Duration waitForJobTimeout) {
        return List.of(
                "SELECT pg_advisory_xact_lock(727001)",
                "CREATE SCHEMA IF NOT EXISTS sys",
                """
                CREATE TABLE IF NOT EXISTS sys.jobs (
                    job_id text PRIMARY KEY,
                    status text NOT NULL,
                    details text,
                    job_type text NOT NULL,
                    class_id oid,
                    object_id oid,
                    object_name text,
                    start_time timestamptz NOT NULL DEFAULT now(),
                    update_time timestamptz)""",
                // Role mappings are stored by OID so renames show up; the view gives DSQL's six columns (§5).
                """
                CREATE TABLE IF NOT EXISTS sys.iam_pg_role_mapping_store (
                    iam_oid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    arn text NOT NULL,
                    pg_role_oid oid NOT NULL,
                    grantor_pg_role_oid oid NOT NULL,
                    UNIQUE (arn, pg_role_oid))""",
                """
                CREATE OR REPLACE VIEW sys.iam_pg_role_mappings AS
                SELECT m.iam_oid, m.arn, m.pg_role_oid, r.rolname::text AS pg_role_name,
                       m.grantor_pg_role_oid, g.rolname::text AS grantor_pg_role_name
                  FROM sys.iam_pg_role_mapping_store m
                  LEFT JOIN pg_catalog.pg_roles r ON r.oid = m.pg_role_oid
                  LEFT JOIN pg_catalog.pg_roles g ON g.oid = m.grantor_pg_role_oid""",
                waitForJobProcedure(waitForJobTimeout),
                // Over a kept data folder: jobs the previous run did not finish will never finish.
                "UPDATE sys.jobs SET status = 'failed', details = '" + INTERRUPTED_DETAILS + "', update_time = now() "
                        + "WHERE status IN ('submitted', 'processing')",
                "GRANT USAGE ON SCHEMA sys TO PUBLIC",
                "GRANT SELECT ON sys.jobs, sys.iam_pg_role_mappings TO PUBLIC",
                "GRANT EXECUTE ON PROCEDURE sys.wait_for_job(text, boolean) TO PUBLIC");
    }

    /**
     * A real procedure, so {@code SELECT sys.wait_for_job(..)} fails with 42809 as on DSQL. It polls
     * and COMMITs between polls: each poll needs a fresh snapshot under REPEATABLE READ, and ending the
     * transaction keeps it from holding back the CONCURRENTLY build it waits for (PostgreSQL's index
     * build waits for transactions with older snapshots). It commits before it first looks, so inside a
     * transaction block (explicit, or several statements in one Query) it always fails, as on DSQL
     * according to the Flyway plugin, whatever the job's state: PostgreSQL's 2D000 there becomes
     * {@link #WAIT_IN_TRANSACTION_BLOCK}.
     */
    static String waitForJobProcedure(Duration timeout) {
        double seconds = timeout.toMillis() / 1000.0;
        return """
                CREATE OR REPLACE PROCEDURE sys.wait_for_job(job_id text, INOUT wait_for_job boolean DEFAULT NULL)
                LANGUAGE plpgsql AS $proc$
                DECLARE
                    deadline timestamptz := clock_timestamp() + make_interval(secs => %s);
                    st text;
                BEGIN
                    IF job_id IS NULL OR job_id !~ '%s' THEN
                        RAISE EXCEPTION USING ERRCODE = '22P02', MESSAGE = 'Unable to convert text to UUID';
                    END IF;
                    LOOP
                        COMMIT;
                        SELECT j.status INTO st FROM sys.jobs j WHERE j.job_id = wait_for_job.job_id;
                        IF st IS NULL OR st = 'failed' THEN
                            wait_for_job := false;
                            RETURN;
                        ELSIF st = 'completed' THEN
                            wait_for_job := true;
                            RETURN;
                        ELSIF clock_timestamp() >= deadline THEN
                            wait_for_job := false;
                            RETURN;
                        END IF;
                        PERFORM pg_sleep(0.02);
                    END LOOP;
                END
                $proc$""".formatted(seconds, JobId.SQL_PATTERN);
    }
}
