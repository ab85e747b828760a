package io.dsqlkit.local.catalog;

import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.jobs.JobId;
import io.dsqlkit.local.pg.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The sys schema installation (dsql-facts §4, §5, §6). */
class SysCatalogTest {
    @Test
    void installIsIdempotentAndFailsJobsAnEarlierRunLeftUnfinished() throws SQLException {
        PostgresServer pg = TestBackend.get();
        String orphan = JobId.random();
        try (StandardDsqlBehaviour first = new StandardDsqlBehaviour()) {
            first.install(pg::connect);
        }
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sys.jobs (job_id, status, job_type) VALUES ('" + orphan + "', 'processing', 'INDEX_BUILD')");
        }
        try (StandardDsqlBehaviour second = new StandardDsqlBehaviour()) {
            second.install(pg::connect);
            second.install(pg::connect);
        }
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, details, update_time IS NOT NULL FROM sys.jobs WHERE job_id = '" + orphan + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("failed");
            assertThat(rs.getString(2)).isEqualTo(SysCatalog.INTERRUPTED_DETAILS);
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }

    @Test
    void everyRoleCanReadSysButNotWriteIt() throws SQLException {
        PostgresServer pg = TestBackend.get();
        try (StandardDsqlBehaviour b = new StandardDsqlBehaviour()) {
            b.install(pg::connect);
        }
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sys_reader') THEN "
                    + "CREATE ROLE sys_reader LOGIN; END IF; END $$");
            s.execute("SET ROLE sys_reader");
            try (ResultSet rs = s.executeQuery("SELECT count(*) >= 0 FROM sys.jobs, sys.iam_pg_role_mappings")) {
                assertThat(rs.next()).isTrue();
            }
            try {
                s.execute("DELETE FROM sys.jobs");
                throw new AssertionError("a plain role could delete from sys.jobs");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("42501");
            }
            s.execute("RESET ROLE");
        }
    }
}
