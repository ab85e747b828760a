package io.dsqlkit.local.jobs;

import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.catalog.BehaviourDriver;
import io.dsqlkit.local.catalog.TestBackend;
import io.dsqlkit.local.pg.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Async DDL jobs, sys.jobs and sys.wait_for_job against a real PostgreSQL (dsql-facts §4). */
class AsyncIndexJobTest {
    static PostgresServer pg;
    static StandardDsqlBehaviour behaviour;
    static JobTiming.Gate gate = new JobTiming.Gate();
    static StandardDsqlBehaviour gated;

    @BeforeAll
    static void start() throws SQLException {
        pg = TestBackend.get();
        behaviour = StandardDsqlBehaviour.builder().waitForJobTimeout(Duration.ofSeconds(60)).build();
        behaviour.install(pg::connect);
        gated = StandardDsqlBehaviour.builder().waitForJobTimeout(Duration.ofSeconds(60)).jobTiming(JobTiming.gated(gate)).build();
        gated.install(pg::connect);
    }

    @AfterAll
    static void stop() {
        gate.openAll();
        behaviour.close();
        gated.close();
    }

    @Test
    void createIndexAsyncAnswersWithAJobIdRowAndBuildsTheIndex() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_basic (id int PRIMARY KEY, v text)");
            s.exec("INSERT INTO ij_basic SELECT g, 'v' || g FROM generate_series(1, 100) g");
            List<List<String>> rows = s.exec("CREATE INDEX ASYNC ij_basic_v ON ij_basic (v)");
            assertThat(rows).hasSize(1);
            String jobId = rows.get(0).get(0);
            assertThat(jobId).hasSize(26).matches("[a-z2-7]{26}");
            assertThat(s.value("CALL sys.wait_for_job('" + jobId + "')")).isEqualTo("t");
            assertThat(s.exec("SELECT status, details, job_type, class_id, object_name, object_id::regclass::text, "
                    + "update_time IS NOT NULL FROM sys.jobs WHERE job_id = '" + jobId + "'"))
                    .containsExactly(java.util.Arrays.asList("completed", null, "INDEX_BUILD", "1259", "public.ij_basic_v", "ij_basic_v", "t"));
            assertThat(s.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ij_basic_v'::regclass")).isEqualTo("t");
        }
    }

    @Test
    void sysJobsHasTheNineRecordedColumnsInOrder() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            assertThat(s.exec("SELECT column_name FROM information_schema.columns WHERE table_schema = 'sys' "
                    + "AND table_name = 'jobs' ORDER BY ordinal_position").stream().map(r -> r.get(0)).toList())
                    .containsExactly("job_id", "status", "details", "job_type", "class_id", "object_id", "object_name",
                            "start_time", "update_time");
        }
    }

    @Test
    void jobLifeIsObservableWithTheGate() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(gated, pg)) {
            s.exec("CREATE TABLE ij_gate (id int PRIMARY KEY, v int)");
            s.exec("INSERT INTO ij_gate SELECT g, g FROM generate_series(1, 50) g");
            String jobId = s.value("CREATE INDEX ASYNC ij_gate_v ON ij_gate (v)");
            // Visible in the catalog right after the statement committed, but not valid (§4).
            assertThat(s.exec("SELECT indexname FROM pg_indexes WHERE tablename = 'ij_gate' ORDER BY 1"))
                    .containsExactly(List.of("ij_gate_pkey"), List.of("ij_gate_v"));
            assertThat(s.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ij_gate_v'::regclass")).isEqualTo("f");
            assertThat(s.exec("SELECT status, update_time IS NULL FROM sys.jobs WHERE job_id = '" + jobId + "'"))
                    .containsExactly(List.of("submitted", "t"));
            // Writers are not blocked while the index builds.
            s.exec("INSERT INTO ij_gate VALUES (51, 51)");

            gate.startProcessing();
            awaitStatus(s, jobId, "processing");
            assertThat(s.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ij_gate_v'::regclass")).isEqualTo("f");

            gate.finishBuild();
            assertThat(s.value("CALL sys.wait_for_job('" + jobId + "')")).isEqualTo("t");
            assertThat(s.value("SELECT status FROM sys.jobs WHERE job_id = '" + jobId + "'")).isEqualTo("completed");
            assertThat(s.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ij_gate_v'::regclass")).isEqualTo("t");
        }
    }

    @Test
    void failedUniqueBuildLeavesTheIndexInvalidWithDsqlDetails() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_dup (id int PRIMARY KEY, email text)");
            s.exec("INSERT INTO ij_dup VALUES (1, 'a'), (2, 'a'), (3, 'b')");
            String jobId = s.value("CREATE UNIQUE INDEX ASYNC ij_dup_email ON ij_dup (email)");
            assertThat(s.value("CALL sys.wait_for_job('" + jobId + "')")).isEqualTo("f");
            assertThat(s.exec("SELECT status, details FROM sys.jobs WHERE job_id = '" + jobId + "'"))
                    .containsExactly(List.of("failed", "Found duplicate key while validating index for UCVs"));
            // §4: the index stays INVALID and is not removed.
            assertThat(s.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ij_dup_email'::regclass")).isEqualTo("f");
        }
    }

    @Test
    void unnamedIndexGetsPostgresChosenNameAndIfNotExistsIsAccepted() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_named (id int PRIMARY KEY, a int, b int)");
            String first = s.value("CREATE INDEX ASYNC ON ij_named (a, b)");
            assertThat(s.value("CALL sys.wait_for_job('" + first + "')")).isEqualTo("t");
            String second = s.value("CREATE INDEX ASYNC ON ij_named (a, b)");
            assertThat(s.value("CALL sys.wait_for_job('" + second + "')")).isEqualTo("t");
            assertThat(s.exec("SELECT object_name FROM sys.jobs WHERE job_id IN ('" + first + "', '" + second + "') ORDER BY 1"))
                    .containsExactly(List.of("public.ij_named_a_b_idx"), List.of("public.ij_named_a_b_idx1"));
            String again = s.value("CREATE INDEX ASYNC IF NOT EXISTS ij_named_a_b_idx ON ij_named (a)");
            assertThat(s.value("CALL sys.wait_for_job('" + again + "')")).isEqualTo("t");
        }
    }

    @Test
    void statementErrorsComeBeforeAnyJob() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_err (id int PRIMARY KEY, a int)");
            assertThatThrownBy(() -> s.exec("CREATE INDEX ASYNC ij_err_x ON ij_missing (a)"))
                    .hasMessage("relation \"ij_missing\" does not exist")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
            assertThatThrownBy(() -> s.exec("CREATE INDEX ASYNC ij_err_x ON ij_err (nope)"))
                    .hasMessage("column \"nope\" does not exist")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42703");
            assertThatThrownBy(() -> s.exec("CREATE INDEX ASYNC ij_err_pkey ON ij_err (a)"))
                    .hasMessage("relation \"ij_err_pkey\" already exists")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P07");
            assertThat(s.value("SELECT count(*) FROM pg_class WHERE relname = 'ij_err_x'")).isEqualTo("0");
        }
    }

    @Test
    void jobIsSubmittedOnlyWhenItsTransactionCommits() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_tx (id int PRIMARY KEY, a int)");
            s.begin();
            String dropped = s.value("CREATE INDEX ASYNC ij_tx_a ON ij_tx (a)");
            s.rollback();
            assertThat(s.value("SELECT count(*) FROM sys.jobs WHERE job_id = '" + dropped + "'")).isEqualTo("0");
            assertThat(s.value("SELECT to_regclass('ij_tx_a') IS NULL")).isEqualTo("t");

            s.begin();
            String kept = s.value("CREATE INDEX ASYNC ij_tx_a ON ij_tx (a)");
            assertThat(s.value("SELECT count(*) FROM sys.jobs WHERE job_id = '" + kept + "'")).isEqualTo("0");
            s.commit();
            assertThat(s.value("CALL sys.wait_for_job('" + kept + "')")).isEqualTo("t");
        }
    }

    @Test
    void waitForJobIsAProcedureThatChecksItsArgument() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            assertThatThrownBy(() -> s.exec("CALL sys.wait_for_job('no-such-job')"))
                    .hasMessageContaining("Unable to convert text to UUID")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22P02");
            assertThatThrownBy(() -> s.exec("SELECT sys.wait_for_job('jh2gbtx4mzhgfkbimtgwn5j45y')"))
                    .hasMessage("sys.wait_for_job(text) is a procedure")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42809");
            // A well-formed id of no job (e.g. one retention deleted) is not a success.
            assertThat(s.value("CALL sys.wait_for_job('" + JobId.random() + "')")).isEqualTo("f");
        }
    }

    @Test
    void alterTableAsyncValidateConstraintSucceedsOrLeavesItNotValid() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_chk (id int PRIMARY KEY, qty int)");
            s.exec("INSERT INTO ij_chk VALUES (1, 5), (2, -1)");
            s.exec("ALTER TABLE ij_chk ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID");
            String failing = s.value("ALTER TABLE ASYNC ij_chk VALIDATE CONSTRAINT qty_positive");
            assertThat(failing).hasSize(26);
            assertThat(s.value("CALL sys.wait_for_job('" + failing + "')")).isEqualTo("f");
            assertThat(s.exec("SELECT status, details, job_type, class_id, object_name FROM sys.jobs WHERE job_id = '" + failing + "'"))
                    .containsExactly(List.of("failed", "check constraint \"qty_positive\" of relation \"ij_chk\" is violated by some row",
                            "VALIDATE_CONSTRAINT", "2606", "public.qty_positive"));
            assertThat(s.value("SELECT convalidated FROM pg_constraint WHERE conname = 'qty_positive'")).isEqualTo("f");

            s.exec("DELETE FROM ij_chk WHERE qty <= 0");
            String ok = s.value("ALTER TABLE ASYNC ij_chk VALIDATE CONSTRAINT qty_positive");
            assertThat(s.value("CALL sys.wait_for_job('" + ok + "')")).isEqualTo("t");
            assertThat(s.value("SELECT convalidated FROM pg_constraint WHERE conname = 'qty_positive'")).isEqualTo("t");

            assertThatThrownBy(() -> s.exec("ALTER TABLE ASYNC ij_chk VALIDATE CONSTRAINT nope"))
                    .hasMessage("constraint \"nope\" of relation \"ij_chk\" does not exist");
        }
    }

    @Test
    void finishedJobsOlderThanTheRetentionAreDeletedWhenANewJobRuns() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("CREATE TABLE ij_ret (id int PRIMARY KEY, a int, b int)");
            String old = s.value("CREATE INDEX ASYNC ij_ret_a ON ij_ret (a)");
            assertThat(s.value("CALL sys.wait_for_job('" + old + "')")).isEqualTo("t");
            try (var c = pg.connect(); var st = c.createStatement()) {
                st.execute("UPDATE sys.jobs SET update_time = now() - interval '31 minutes' WHERE job_id = '" + old + "'");
            }
            String fresh = s.value("CREATE INDEX ASYNC ij_ret_b ON ij_ret (b)");
            assertThat(s.value("SELECT count(*) FROM sys.jobs WHERE job_id = '" + old + "'")).isEqualTo("0");
            assertThat(s.value("CALL sys.wait_for_job('" + fresh + "')")).isEqualTo("t");
        }
    }

    @Test
    void dropIndexCancelsAnInProgressBuild() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(gated, pg)) {
            s.exec("CREATE TABLE ij_drop (id int PRIMARY KEY, v int)");
            String jobId = s.value("CREATE INDEX ASYNC ij_drop_v ON ij_drop (v)");
            assertThat(s.value("SELECT to_regclass('ij_drop_v') IS NOT NULL")).isEqualTo("t");
            s.exec("DROP INDEX ij_drop_v");
            assertThat(s.value("CALL sys.wait_for_job('" + jobId + "')")).isEqualTo("f");
            assertThat(s.exec("SELECT status, details FROM sys.jobs WHERE job_id = '" + jobId + "'"))
                    .containsExactly(List.of("failed", "index build cancelled by DROP INDEX"));
            assertThat(s.value("SELECT to_regclass('ij_drop_v') IS NULL")).isEqualTo("t");
        }
    }

    @Test
    void jobCompletionCanCountAsACatalogChange() throws Exception {
        try (StandardDsqlBehaviour bumping = StandardDsqlBehaviour.builder().jobCompletionBumpsCatalog(true).build()) {
            bumping.install(pg::connect);
            try (BehaviourDriver s = new BehaviourDriver(bumping, pg)) {
                s.exec("CREATE TABLE ij_bump (id int PRIMARY KEY, a int)");
                long before = bumping.catalogVersions().current();
                String job = s.value("CREATE INDEX ASYNC ij_bump_a ON ij_bump (a)");
                String waited;
                try {
                    waited = s.value("CALL sys.wait_for_job('" + job + "')");
                } catch (java.sql.SQLException e) {
                    // The job may finish before the CALL's transaction starts: that start then sees a newer catalog
                    // and fails with OC001, the very conflict this option models; a client retries, as here.
                    assertThat(e.getMessage()).contains("OC001");
                    waited = s.value("CALL sys.wait_for_job('" + job + "')");
                }
                assertThat(waited).isEqualTo("t");
                // One bump for the committed DDL, one when the job finished (in either order).
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (bumping.catalogVersions().current() < before + 2 && System.nanoTime() < deadline) Thread.sleep(5);
                assertThat(bumping.catalogVersions().current()).isEqualTo(before + 2);
            }
        }
    }

    private static void awaitStatus(BehaviourDriver s, String jobId, String status) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (status.equals(s.value("SELECT status FROM sys.jobs WHERE job_id = '" + jobId + "'"))) return;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("job " + jobId + " never reached " + status);
    }
}
