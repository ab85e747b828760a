package io.dsqlkit.local.catalog;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quotas (§2) and IAM role mappings (§5) end to end through the gateway with pgjdbc. */
class GatewayCatalogTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.builder()
                .behaviour(StandardDsqlBehaviour.builder()
                        .limits(BehaviourLimits.DSQL.withTables(2).withIndexesPerTable(2))
                        .staleCatalogFails(false)
                        .build())
                .start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void quotasRefuseTheStatementThatWouldExceedThem() throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gq1 (id int PRIMARY KEY, a int, b int)");
            s.execute("CREATE TABLE gq2 (id int PRIMARY KEY)");
            assertThatThrownBy(() -> s.execute("CREATE TABLE gq3 (id int PRIMARY KEY)"))
                    .hasMessageContaining("creating more than 2 tables not allowed")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("54000"));
            try (ResultSet rs = s.executeQuery("CREATE INDEX ASYNC gq1_a ON gq1 (a)")) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> s.executeQuery("CREATE INDEX ASYNC gq1_b ON gq1 (b)"))
                    .hasMessageContaining("more than 2 indexes per table are not allowed");
            // A refusal in autocommit does not poison the session (§1.2).
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM gq1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void awsIamGrantAndRevokeThroughTheGateway() throws SQLException {
        String arn = "arn:aws:iam::012345678912:role/gw";
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE gw_app WITH LOGIN");
            assertThat(s.execute("AWS IAM GRANT gw_app TO '" + arn + "'")).isFalse();
            try (ResultSet rs = s.executeQuery("SELECT arn, pg_role_name, grantor_pg_role_name FROM sys.iam_pg_role_mappings")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(arn);
                assertThat(rs.getString(2)).isEqualTo("gw_app");
                assertThat(rs.getString(3)).isEqualTo("admin");
            }
            assertThatThrownBy(() -> s.execute("AWS IAM GRANT gw_app TO 'not-an-arn'"))
                    .hasMessageContaining("IAM role must look like an IAM ARN");
            s.execute("AWS IAM REVOKE gw_app FROM '" + arn + "'");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.iam_pg_role_mappings")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
