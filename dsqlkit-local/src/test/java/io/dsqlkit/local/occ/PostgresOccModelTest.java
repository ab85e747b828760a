package io.dsqlkit.local.occ;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.gateway.OccModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static io.dsqlkit.local.occ.GatewayOccTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --occ postgres} ({@link OccModel#POSTGRES}) keeps PostgreSQL's model for those who want it:
 * the second writer of a row waits for the bounded lock timeout and fails OC000 at its statement; the
 * first writer wins and commits.
 */
class PostgresOccModelTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.builder().behaviour(new StandardDsqlBehaviour()).occ(OccModel.POSTGRES).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    @Test
    void theSecondWriterFailsAtItsStatementAndTheFirstWriterCommits() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE pocc_ww (id int PRIMARY KEY, v int)", "INSERT INTO pocc_ww VALUES (1, 0)");
        try (Connection a = local.connect(); Connection b = local.connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                sb.setQueryTimeout(20);
                assertThat(sa.executeUpdate("UPDATE pocc_ww SET v = 1 WHERE id = 1")).isEqualTo(1);
                assertThatThrownBy(() -> sb.executeUpdate("UPDATE pocc_ww SET v = 2 WHERE id = 1"))
                        .satisfies(GatewayOccTest::assertOc000);
                b.rollback();
                a.commit();
            }
        }
        try (Connection c = local.connect()) {
            assertThat(value(c, "SELECT v FROM pocc_ww WHERE id = 1")).isEqualTo(1);
        }
    }
}
