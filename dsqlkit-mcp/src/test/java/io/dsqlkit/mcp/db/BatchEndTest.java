package io.dsqlkit.mcp.db;

import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a read sent in the read's own batch ({@link SessionHygiene#endInBatch}): a connection is given back as
 * clean only when the check answered "nothing left", the ROLLBACK completed, nothing else answered after them, and
 * the server is outside any transaction. On plain PostgreSQL as its superuser, who may PREPARE (neither DSQL nor local
 * DSQL's client roles can).
 */
class BatchEndTest {
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        var pg = SharedDsqlLocal.get().postgres();
        Endpoint e = new Endpoint(Endpoint.Kind.URL, "127.0.0.1", pg.port(), "postgres", "postgres",
                TokenProvider.staticPassword(pg.superuserPassword()), null, null);
        db = new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "batch-end"), "batch end");
        assertThat(SessionHygiene.endInBatch(db)).as("before the endpoint's first check").isNull();
        new SqlExecutor(new ToolContext(db, ServerSettings.defaults(false), null, null, null)).read("SELECT 1 AS one", java.util.List.of());
        assertThat(db.awaitReleases(Duration.ofSeconds(30))).isTrue();
        assertThat(SessionHygiene.endInBatch(db)).as("after it").isNotNull();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Runs {@code before}, then {@code read} followed by the batch end, in a READ ONLY transaction; the verdict. */
    private static boolean endedClean(String before, String read) throws Exception {
        SessionHygiene.BatchEnd end = SessionHygiene.endInBatch(db);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            if (before != null) {
                try (Statement st = c.createStatement()) {
                    st.execute(before);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(read + "\n;\n" + end.sql())) {
                assertThat(ps.execute()).isTrue();
                try (ResultSet rs = ps.getResultSet()) {
                    assertThat(rs.next()).isTrue();
                }
                boolean clean = end.endedClean(ps, c);
                c.rollback();
                return clean;
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("DEALLOCATE ALL");
                }
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void aCleanReadEndsClean() throws Exception {
        assertThat(endedClean(null, "SELECT 1 AS one")).isTrue();
    }

    @Test
    void aPreparedStatementLeftBehindIsSeen() throws Exception {
        assertThat(endedClean("PREPARE leak AS SELECT 1", "SELECT 1 AS one")).isFalse();
    }

    @Test
    void aStatementTheDriverSplitsInTwoIsNotTakenForTheCheck() throws Exception {
        // should the driver see two statements where the guards saw one, the second answers where the check's answer
        // was expected: the answers after it do not add up, and the connection is not trusted
        assertThat(endedClean(null, "SELECT 1 AS one;\nSELECT '' AS concat_ws")).isFalse();
    }

    @Test
    void aTransactionStillOpenIsNotClean() throws Exception {
        // a batch whose last statement is not the ROLLBACK (here it opens a savepoint after it): not idle
        SessionHygiene.BatchEnd end = SessionHygiene.endInBatch(db);
        SessionHygiene.BatchEnd notEnding = new SessionHygiene.BatchEnd(end.sql().replace("ROLLBACK", "SAVEPOINT s"), end.checked());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 AS one\n;\n" + notEnding.sql())) {
                ps.execute();
                ps.getResultSet().close();
                assertThat(notEnding.endedClean(ps, c)).isFalse();
            }
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
