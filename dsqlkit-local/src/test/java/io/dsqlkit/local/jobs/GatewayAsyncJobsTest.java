package io.dsqlkit.local.jobs;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Async DDL end to end: pgjdbc -> gateway -> StandardDsqlBehaviour -> PostgreSQL (dsql-facts §4). */
class GatewayAsyncJobsTest {
    static final JobTiming.Gate GATE = new JobTiming.Gate();
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.builder()
                .behaviour(StandardDsqlBehaviour.builder().jobTiming(JobTiming.gated(GATE))
                        .waitForJobTimeout(Duration.ofSeconds(60)).build())
                .start();
    }

    @AfterAll
    static void stop() {
        GATE.openAll();
        local.close();
    }

    static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            String v = rs.getString(1);
            assertThat(rs.next()).as(sql + " returns one row").isFalse();
            return v;
        }
    }

    @Test
    void createIndexAsyncLifeThroughTheGateway() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gw_orders (id int PRIMARY KEY, email text)");
            s.execute("INSERT INTO gw_orders VALUES (1, 'a'), (2, 'b')");
        }
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            String jobId;
            try (ResultSet rs = s.executeQuery("CREATE UNIQUE INDEX ASYNC gw_orders_email ON gw_orders (email)")) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("job_id");
                assertThat(rs.next()).isTrue();
                jobId = rs.getString(1);
                assertThat(rs.next()).isFalse();
            }
            assertThat(jobId).matches(JobId.SQL_PATTERN);
            assertThat(one(s, "SELECT status FROM sys.jobs WHERE job_id = '" + jobId + "'")).isEqualTo("submitted");
            assertThat(one(s, "SELECT indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "WHERE c.relname = 'gw_orders_email'")).isEqualTo("false");
            GATE.startProcessing();
            GATE.finishBuild();
            try (ResultSet rs = s.executeQuery("CALL sys.wait_for_job('" + jobId + "')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            assertThat(one(s, "SELECT status FROM sys.jobs WHERE job_id = '" + jobId + "'")).isEqualTo("completed");
            assertThat(one(s, "SELECT indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "WHERE c.relname = 'gw_orders_email'")).isEqualTo("true");
            // §4: a unique index still building or built enforces uniqueness.
            assertThatThrownBy(() -> s.execute("INSERT INTO gw_orders VALUES (3, 'a')"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void failedUniqueBuildAndValidateConstraintThroughTheGateway() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gw_dup (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO gw_dup VALUES (1, 7), (2, 7)");
            s.execute("ALTER TABLE gw_dup ADD CONSTRAINT gw_dup_v_small CHECK (v < 5) NOT VALID");
        }
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            String dup = one(s, "CREATE UNIQUE INDEX ASYNC gw_dup_v ON gw_dup (v)");
            GATE.startProcessing();
            GATE.finishBuild();
            assertThat(one(s, "CALL sys.wait_for_job('" + dup + "')")).isEqualTo("f");
            assertThat(one(s, "SELECT details FROM sys.jobs WHERE job_id = '" + dup + "'"))
                    .isEqualTo("Found duplicate key while validating index for UCVs");
            assertThat(one(s, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'gw_dup_v'::regclass")).isEqualTo("false");

            String validate = one(s, "ALTER TABLE ASYNC gw_dup VALIDATE CONSTRAINT gw_dup_v_small");
            GATE.startProcessing();
            GATE.finishBuild();
            assertThat(one(s, "CALL sys.wait_for_job('" + validate + "')")).isEqualTo("f");
            assertThat(one(s, "SELECT convalidated::text FROM pg_constraint WHERE conname = 'gw_dup_v_small'")).isEqualTo("false");
        }
    }

    @Test
    void simpleQueryProtocolBeginIndexCommitInOneQuery() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gw_simple (id int PRIMARY KEY, v int)");
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", local.user());
        p.setProperty("password", local.password());
        p.setProperty("preferQueryMode", "simple");
        try (Connection c = java.sql.DriverManager.getConnection(local.jdbcUrl(), p); Statement s = c.createStatement()) {
            // §1.2: BEGIN; CREATE INDEX ASYNC ...; COMMIT in one Query returns the job_id row.
            boolean rows = s.execute("BEGIN; CREATE INDEX ASYNC gw_simple_v ON gw_simple (v); COMMIT");
            String jobId = null;
            while (true) {
                if (rows) {
                    try (ResultSet rs = s.getResultSet()) {
                        assertThat(rs.next()).isTrue();
                        jobId = rs.getString("job_id");
                    }
                } else if (s.getUpdateCount() == -1) {
                    break;
                }
                rows = s.getMoreResults();
            }
            assertThat(jobId).matches(JobId.SQL_PATTERN);
            GATE.startProcessing();
            GATE.finishBuild();
            assertThat(one(s, "CALL sys.wait_for_job('" + jobId + "')")).isEqualTo("t");
        }
    }

    @Test
    void waitForJobErrorsThroughTheGateway() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("CALL sys.wait_for_job('no-such-job')"))
                    .hasMessageContaining("Unable to convert text to UUID")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
            assertThatThrownBy(() -> s.executeQuery("SELECT sys.wait_for_job('jh2gbtx4mzhgfkbimtgwn5j45y')"))
                    .hasMessageContaining("sys.wait_for_job(text) is a procedure")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42809"));
        }
    }

    /**
     * dsql-facts §4: sys.wait_for_job "cannot run inside a transaction block" [FLYWAY]. It fails there
     * whatever the job's state (before: a finished or unknown job answered at once, even in a block).
     */
    @Test
    void waitForJobRefusesToRunInsideATransactionBlock() throws SQLException {
        String known = JobId.random();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.executeQuery("CALL sys.wait_for_job('" + known + "')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("25001");
                        assertThat(e.getMessage()).contains("sys.wait_for_job cannot run inside a transaction block")
                                .doesNotContain("PL/pgSQL");
                    });
            c.rollback();
            c.setAutoCommit(true);
            assertThat(one(s, "CALL sys.wait_for_job('" + known + "')")).isEqualTo("f");
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", local.user());
        p.setProperty("password", local.password());
        p.setProperty("preferQueryMode", "simple");
        try (Connection c = java.sql.DriverManager.getConnection(local.jdbcUrl(), p); Statement s = c.createStatement()) {
            // Several statements in one Query are one implicit transaction block (§1.2).
            assertThatThrownBy(() -> s.execute("SELECT 1; CALL sys.wait_for_job('" + known + "')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("25001");
                        assertThat(e.getMessage()).doesNotContain("PL/pgSQL");
                    });
        }
    }
}
