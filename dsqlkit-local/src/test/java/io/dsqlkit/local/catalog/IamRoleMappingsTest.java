package io.dsqlkit.local.catalog;

import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.pg.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS IAM GRANT/REVOKE and sys.iam_pg_role_mappings (dsql-facts §5). */
class IamRoleMappingsTest {
    static PostgresServer pg;
    static StandardDsqlBehaviour behaviour;
    static final String ARN = "arn:aws:iam::012345678912:role/example";

    @BeforeAll
    static void start() throws SQLException {
        pg = TestBackend.get();
        behaviour = StandardDsqlBehaviour.builder().staleCatalogFails(false).build();
        behaviour.install(pg::connect);
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'admin') THEN CREATE ROLE admin LOGIN; END IF; END $$");
            s.exec("CREATE ROLE iam_example WITH LOGIN");
            s.exec("CREATE ROLE iam_nologin");
        }
    }

    @AfterAll
    static void stop() {
        behaviour.close();
    }

    @Test
    void grantShowsInTheMappingViewAndRevokeRemovesIt() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            assertThat(s.exec("AWS IAM GRANT iam_example TO '" + ARN + "'")).isEmpty();
            assertThat(s.exec("SELECT arn, pg_role_name, grantor_pg_role_name, pg_role_oid = 'iam_example'::regrole::oid "
                    + "FROM sys.iam_pg_role_mappings"))
                    .containsExactly(List.of(ARN, "iam_example", "admin", "t"));
            assertThat(s.exec("SELECT column_name FROM information_schema.columns WHERE table_schema = 'sys' "
                    + "AND table_name = 'iam_pg_role_mappings' ORDER BY ordinal_position").stream().map(r -> r.get(0)).toList())
                    .containsExactly("iam_oid", "arn", "pg_role_oid", "pg_role_name", "grantor_pg_role_oid", "grantor_pg_role_name");
            assertThatThrownBy(() -> s.exec("DROP ROLE iam_example"))
                    .hasMessage("role iam_example cannot be dropped because some objects depend on it");
            s.exec("AWS IAM REVOKE iam_example FROM '" + ARN + "'");
            assertThat(s.exec("SELECT * FROM sys.iam_pg_role_mappings")).isEmpty();
        }
    }

    @Test
    void grantInsideARolledBackTransactionLeavesNoMapping() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.begin();
            s.exec("AWS IAM GRANT iam_example TO 'arn:aws:iam::012345678912:user/alice'");
            s.rollback();
            assertThat(s.value("SELECT count(*) FROM sys.iam_pg_role_mappings WHERE arn LIKE '%alice'")).isEqualTo("0");
        }
    }

    @Test
    void dsqlRefusals() throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg);
             BehaviourDriver other = new BehaviourDriver(behaviour, pg, "iam_example")) {
            assertThatThrownBy(() -> s.exec("AWS IAM GRANT nobody_here TO '" + ARN + "'"))
                    .hasMessage("Role nobody_here does not exist");
            assertThatThrownBy(() -> s.exec("AWS IAM GRANT iam_nologin TO '" + ARN + "'"))
                    .hasMessage("role iam_nologin must have the LOGIN attribute");
            assertThatThrownBy(() -> s.exec("AWS IAM GRANT iam_example TO 'example'"))
                    .hasMessage("IAM role must look like an IAM ARN");
            assertThatThrownBy(() -> other.exec("AWS IAM GRANT iam_example TO '" + ARN + "'"))
                    .hasMessage("permission denied to grant IAM trust with role iam_example");
            assertThatThrownBy(() -> s.exec("AWS IAM REVOKE iam_example FROM 'arn:aws:iam::012345678912:role/never'"))
                    .hasMessage("IAM role arn:aws:iam::012345678912:role/never does not exist");
        }
    }
}
