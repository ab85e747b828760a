package io.dsqlkit.local.catalog;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.pg.PostgresServer;
import io.dsqlkit.rules.DsqlErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Catalog quotas (dsql-facts §2) with small limits. The counts are per database, so each test
 * works in a fresh database of the shared test PostgreSQL.
 */
class CatalogQuotasTest {
    static final AtomicInteger DATABASES = new AtomicInteger();
    PostgresServer server;
    DsqlBehaviour.BackendConnector pg;
    StandardDsqlBehaviour behaviour;

    @BeforeEach
    void start() throws SQLException {
        server = TestBackend.get();
        String db = "quotas_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        }
        String url = server.jdbcUrl().replaceAll("/postgres$", "/" + db);
        pg = () -> DriverManager.getConnection(url, PostgresServer.SUPERUSER, server.superuserPassword());
        behaviour = StandardDsqlBehaviour.builder()
                .limits(BehaviourLimits.DSQL.withTables(3).withSchemas(3).withViews(2).withSequences(2)
                        .withIndexesPerTable(3).withColumnsPerTable(4))
                .staleCatalogFails(false)
                .build();
        behaviour.install(pg::connect);
    }

    @AfterEach
    void stop() {
        behaviour.close();
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void tableQuotaCountsUserTablesOnly() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg, "admin")) {
            s.exec("CREATE TABLE q1 (id int PRIMARY KEY)");
            s.exec("CREATE TABLE q2 (id int PRIMARY KEY)");
            s.exec("CREATE TABLE q3 (id int PRIMARY KEY)");
            assertThatThrownBy(() -> s.exec("CREATE TABLE q4 (id int PRIMARY KEY)"))
                    .hasMessage("creating more than 3 tables not allowed")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("54000"));
            s.exec("CREATE TABLE IF NOT EXISTS q3 (id int PRIMARY KEY)"); // exists: no new table
            s.exec("DROP TABLE q1");
            s.exec("CREATE TABLE q4 (id int PRIMARY KEY)");
        }
    }

    @Test
    void defaultLimitsGiveDsqlsExactTexts() {
        CatalogQuotas q = new CatalogQuotas(BehaviourLimits.DSQL);
        assertThat(q.tables()).isEqualTo(DsqlErrors.TOO_MANY_TABLES);
        assertThat(q.schemas()).isEqualTo(DsqlErrors.TOO_MANY_SCHEMAS);
        assertThat(q.views()).isEqualTo(DsqlErrors.TOO_MANY_VIEWS);
        assertThat(q.sequences()).isEqualTo(DsqlErrors.TOO_MANY_SEQUENCES);
        assertThat(q.indexes()).isEqualTo(DsqlErrors.TOO_MANY_INDEXES);
        assertThat(q.columns()).isEqualTo(DsqlErrors.TOO_MANY_COLUMNS);
    }

    @Test
    void schemaQuotaCountsPublic() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg, "admin")) {
            s.exec("CREATE SCHEMA s1");
            s.exec("CREATE SCHEMA s2");
            assertThatThrownBy(() -> s.exec("CREATE SCHEMA s3")).hasMessage("more than 3 schemas not allowed");
            s.exec("CREATE SCHEMA IF NOT EXISTS s2");
        }
    }

    @Test
    void viewAndSequenceQuotas() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg, "admin")) {
            s.exec("CREATE VIEW v1 AS SELECT 1 AS a");
            s.exec("CREATE VIEW v2 AS SELECT 2 AS a");
            assertThatThrownBy(() -> s.exec("CREATE VIEW v3 AS SELECT 3 AS a")).hasMessage("creating more than 2 views not allowed");
            s.exec("CREATE OR REPLACE VIEW v2 AS SELECT 22 AS a");
            s.exec("CREATE SEQUENCE sq1 CACHE 1");
            s.exec("CREATE SEQUENCE sq2 CACHE 1");
            assertThatThrownBy(() -> s.exec("CREATE SEQUENCE sq3 CACHE 1"))
                    .hasMessage("creating more than 2 sequences is not allowed");
        }
    }

    @Test
    void indexQuotaCountsPrimaryKeyUniqueAndBuildingIndexes() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg, "admin")) {
            s.exec("CREATE TABLE qi (id int PRIMARY KEY, a int UNIQUE, b int, c int)");
            String job = s.value("CREATE INDEX ASYNC qi_b ON qi (b)");
            assertThatThrownBy(() -> s.exec("CREATE INDEX ASYNC qi_c ON qi (c)"))
                    .hasMessage("more than 3 indexes per table are not allowed")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("54000"));
            assertThatThrownBy(() -> s.exec("ALTER TABLE qi ADD CONSTRAINT qi_c_key UNIQUE (c)"))
                    .hasMessage("more than 3 indexes per table are not allowed");
            // IF NOT EXISTS on an existing index adds nothing, so it is not over the quota.
            String again = s.value("CREATE INDEX ASYNC IF NOT EXISTS qi_b ON qi (b)");
            assertThat(s.value("CALL sys.wait_for_job('" + job + "')")).isEqualTo("t");
            assertThat(s.value("CALL sys.wait_for_job('" + again + "')")).isEqualTo("t");
        }
    }

    @Test
    void columnQuotaOnAddColumn() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg, "admin")) {
            s.exec("CREATE TABLE qc (id int PRIMARY KEY, a int)");
            s.exec("ALTER TABLE qc ADD COLUMN b int, ADD COLUMN c int");
            assertThatThrownBy(() -> s.exec("ALTER TABLE qc ADD d int"))
                    .hasMessage("tables can have at most 4 columns")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("54011"));
            s.exec("ALTER TABLE qc ADD CONSTRAINT qc_a_pos CHECK (a > 0) NOT VALID");
            s.exec("ALTER TABLE qc DROP COLUMN c");
            s.exec("ALTER TABLE qc ADD COLUMN d int");
        }
    }

    @Test
    void sysObjectsDoNotCount() throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT count(*) FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "WHERE n.nspname = 'sys' AND cl.relkind IN ('r', 'v')");
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(3); // sys.jobs, the mapping store and view exist ...
        }
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg, "admin")) {
            s.exec("CREATE TABLE t1 (id int PRIMARY KEY)"); // ... yet the user still has the full quota
            s.exec("CREATE TABLE t2 (id int PRIMARY KEY)");
            s.exec("CREATE TABLE t3 (id int PRIMARY KEY)");
            s.exec("CREATE VIEW v1 AS SELECT 1 AS a");
        }
    }
}
