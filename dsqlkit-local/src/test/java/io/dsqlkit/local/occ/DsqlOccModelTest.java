package io.dsqlkit.local.occ;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.OccRetry;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.gateway.OccModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.dsqlkit.local.occ.GatewayOccTest.assertOc000;
import static io.dsqlkit.local.occ.GatewayOccTest.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two-session scenarios of docs/local-dsql-differences.md's OCC table under {@link OccModel#DSQL},
 * the default model: no statement waits for another session's row; the loser gets OC000 at its next
 * statement or at COMMIT. The fallback lock timeout is raised to 120 s and every statement runs with
 * a 20 s query timeout, so a wait the gateway failed to end shows up as a 57014 failure, never as a
 * hang (no timing is asserted here: bench/occ measures the waits).
 */
class DsqlOccModelTest {
    /** Generous for a loaded machine; far below the fallback lock timeout the tests set. */
    private static final int QUERY_TIMEOUT_SECONDS = 20;
    static final String LOCK_TIMEOUT_PROPERTY = "dsqlkit.gateway.occ.lockTimeout";
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        // A wait the arbiter failed to end would now outlast the query timeout and fail the test (57014, not 40001).
        System.setProperty(LOCK_TIMEOUT_PROPERTY, "120s");
        local = DsqlLocal.builder().behaviour(new StandardDsqlBehaviour()).start(); // the default model: dsql
    }

    @AfterAll
    static void stop() {
        System.clearProperty(LOCK_TIMEOUT_PROPERTY);
        local.close();
    }

    private static Connection open() throws SQLException {
        Connection c = local.connect();
        c.setAutoCommit(false);
        return c;
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            return s.executeUpdate(sql);
        }
    }

    private static long committedValue(String table, int id) throws SQLException {
        try (Connection c = local.connect()) {
            return value(c, "SELECT v FROM " + table + " WHERE id = " + id);
        }
    }

    /**
     * A plain read (simple protocol, which the arbiter otherwise leaves unchecked) waiting for a DDL
     * transaction's ACCESS EXCLUSIVE lock is still seen: the read proceeds and the DDL fails at commit.
     */
    @Test
    void aPlainReadWaitingForAnOpenDdlTransactionProceeds() throws Exception {
        GatewayOccTest.setup(local, "CREATE TABLE docc_rd (id int PRIMARY KEY, v int)", "INSERT INTO docc_rd VALUES (1, 7)");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", local.user());
        p.setProperty("password", local.password());
        p.setProperty("preferQueryMode", "simple");
        try (Connection ddl = open(); Connection reader = java.sql.DriverManager.getConnection(local.jdbcUrl(), p)) {
            update(ddl, "ALTER TABLE docc_rd ADD COLUMN w int");
            try (Statement s = reader.createStatement()) {
                s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                try (var rs = s.executeQuery("SELECT v FROM docc_rd WHERE id = 1")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(7);
                }
            }
            assertThatThrownBy(ddl::commit).satisfies(GatewayOccTest::assertOc000);
        }
    }

    @Test
    void theSecondWriterProceedsAndTheIdleHolderFailsAtCommit() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_ww (id int PRIMARY KEY, v int)", "INSERT INTO docc_ww VALUES (1, 0)");
        try (Connection a = open(); Connection b = open()) {
            assertThat(update(a, "UPDATE docc_ww SET v = 1 WHERE id = 1")).isEqualTo(1);
            assertThat(update(b, "UPDATE docc_ww SET v = 2 WHERE id = 1")).isEqualTo(1);
            b.commit();
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_ww", 1)).isEqualTo(2);
    }

    @Test
    void theDoomedHolderLearnsItAtItsNextStatementAndTheSessionIsUsableAfterRollback() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_next (id int PRIMARY KEY, v int)", "INSERT INTO docc_next VALUES (1, 0)");
        try (Connection a = open(); Connection b = open()) {
            update(a, "UPDATE docc_next SET v = 1 WHERE id = 1");
            update(b, "UPDATE docc_next SET v = 2 WHERE id = 1");
            assertThatThrownBy(() -> value(a, "SELECT v FROM docc_next WHERE id = 1")).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
            b.commit();
            assertThat(value(a, "SELECT v FROM docc_next WHERE id = 1")).isEqualTo(2);
            a.commit();
        }
    }

    @Test
    void anAutocommitWriteDoesNotWaitForAnOpenTransactionsRow() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_auto (id int PRIMARY KEY, v int)", "INSERT INTO docc_auto VALUES (1, 0)");
        try (Connection a = open(); Connection b = local.connect()) {
            update(a, "UPDATE docc_auto SET v = 1 WHERE id = 1");
            assertThat(update(b, "UPDATE docc_auto SET v = 2 WHERE id = 1")).isEqualTo(1);
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_auto", 1)).isEqualTo(2);
    }

    @Test
    void selectForUpdateTakesPartAndFailsAtCommitWhenAnotherWriterCameLater() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_fu (id int PRIMARY KEY, v int)", "INSERT INTO docc_fu VALUES (1, 0)");
        try (Connection a = open(); Connection b = local.connect()) {
            assertThat(value(a, "SELECT v FROM docc_fu WHERE id = 1 FOR UPDATE")).isZero();
            assertThat(update(b, "UPDATE docc_fu SET v = 5 WHERE id = 1")).isEqualTo(1);
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_fu", 1)).isEqualTo(5);
    }

    @Test
    void forKeyShareDoesNotConflictWithANonKeyUpdate() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_ks (id int PRIMARY KEY, v int)", "INSERT INTO docc_ks VALUES (1, 0)");
        try (Connection a = open(); Connection b = local.connect()) {
            value(a, "SELECT v FROM docc_ks WHERE id = 1 FOR KEY SHARE");
            assertThat(update(b, "UPDATE docc_ks SET v = 7 WHERE id = 1")).isEqualTo(1);
            a.commit();
        }
        assertThat(committedValue("docc_ks", 1)).isEqualTo(7);
    }

    @Test
    void writesToDisjointRowsDoNotConflict() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_dis (id int PRIMARY KEY, v int)", "INSERT INTO docc_dis VALUES (1, 0), (2, 0)");
        try (Connection a = open(); Connection b = open()) {
            update(a, "UPDATE docc_dis SET v = 1 WHERE id = 1");
            update(b, "UPDATE docc_dis SET v = 2 WHERE id = 2");
            a.commit();
            b.commit();
        }
        assertThat(committedValue("docc_dis", 1) + committedValue("docc_dis", 2)).isEqualTo(3);
    }

    @Test
    void aWriteToARowCommittedAfterOurSnapshotStillFailsAtTheStatement() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_snap (id int PRIMARY KEY, v int)", "INSERT INTO docc_snap VALUES (1, 0)");
        try (Connection a = open(); Connection b = open()) {
            value(b, "SELECT v FROM docc_snap WHERE id = 1");
            update(a, "UPDATE docc_snap SET v = 1 WHERE id = 1");
            a.commit();
            // PostgreSQL cannot produce this statement's result against a newer row version (documented difference).
            assertThatThrownBy(() -> update(b, "UPDATE docc_snap SET v = 2 WHERE id = 1")).satisfies(GatewayOccTest::assertOc000);
            b.rollback();
        }
        assertThat(committedValue("docc_snap", 1)).isEqualTo(1);
    }

    @Test
    void aCrossedPairOfWritesNeverDeadlocks() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_cross (id int PRIMARY KEY, v int)", "INSERT INTO docc_cross VALUES (1, 0), (2, 0)");
        try (Connection a = open(); Connection b = open()) {
            update(a, "UPDATE docc_cross SET v = 1 WHERE id = 1");
            update(b, "UPDATE docc_cross SET v = 2 WHERE id = 2");
            update(a, "UPDATE docc_cross SET v = 1 WHERE id = 2");
            assertThatThrownBy(() -> update(b, "UPDATE docc_cross SET v = 2 WHERE id = 1")).satisfies(GatewayOccTest::assertOc000);
            b.rollback();
            a.commit();
        }
        assertThat(committedValue("docc_cross", 1) + committedValue("docc_cross", 2)).isEqualTo(2);
    }

    @Test
    void aHolderInTheMiddleOfAStatementHasItCancelledWithOc000() throws Exception {
        GatewayOccTest.setup(local, "CREATE TABLE docc_busy (id int PRIMARY KEY, v int)", "INSERT INTO docc_busy VALUES (1, 0)");
        try (Connection a = open(); Connection b = open()) {
            update(a, "UPDATE docc_busy SET v = 1 WHERE id = 1");
            CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return value(a, "SELECT count(*) FROM pg_sleep(30)");
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            waitUntilRunning("pg_sleep(30)");
            update(b, "UPDATE docc_busy SET v = 2 WHERE id = 1");
            b.commit();
            assertThatThrownBy(() -> slow.get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .cause().satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_busy", 1)).isEqualTo(2);
    }

    @Test
    void aTransactionRetriedAfterOc000OutranksAFreshOneSoRetriesEndInAWin() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_age (id int PRIMARY KEY, v int)", "INSERT INTO docc_age VALUES (1, 0)");
        try (Connection a = open(); Connection b = open(); Connection c = open()) {
            update(a, "UPDATE docc_age SET v = 1 WHERE id = 1");
            update(b, "UPDATE docc_age SET v = 2 WHERE id = 1");
            b.commit();
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();

            // a retries; a fresh writer now loses at its own statement instead of dooming a again.
            update(a, "UPDATE docc_age SET v = 10 WHERE id = 1");
            assertThatThrownBy(() -> update(c, "UPDATE docc_age SET v = 3 WHERE id = 1")).satisfies(GatewayOccTest::assertOc000);
            c.rollback();
            a.commit();
        }
        assertThat(committedValue("docc_age", 1)).isEqualTo(10);
    }

    @Test
    void anIncrementStormWithWholeTransactionRetryEndsAtTheExactTotal() throws Exception {
        assertThat(GatewayOccTest.increments(local, 8, 50, 2)).isEqualTo(8L * 50);
    }

    @Test
    void aDeleteDoesNotWaitForAKeyShareAndTheKeyShareTransactionFailsAtCommit() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_ksd (id int PRIMARY KEY, v int)", "INSERT INTO docc_ksd VALUES (1, 0), (2, 0)");
        try (Connection a = open(); Connection b = local.connect()) {
            value(a, "SELECT v FROM docc_ksd WHERE id = 1 FOR KEY SHARE");
            assertThat(update(b, "DELETE FROM docc_ksd WHERE id = 1")).isEqualTo(1);
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_ksd", 2)).isZero();
        try (Connection c = local.connect()) {
            assertThat(value(c, "SELECT count(*) FROM docc_ksd")).isEqualTo(1);
        }
    }

    @Test
    void twoInsertsOfTheSameKeyDoNotWaitAndTheEarlierInserterFailsAtCommit() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_ins (id int PRIMARY KEY, v int)");
        try (Connection a = open(); Connection b = open()) {
            assertThat(update(a, "INSERT INTO docc_ins VALUES (1, 1)")).isEqualTo(1);
            assertThat(update(b, "INSERT INTO docc_ins VALUES (1, 2)")).isEqualTo(1);
            b.commit();
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_ins", 1)).isEqualTo(2);
    }

    @Test
    void twoSelectForUpdatesOfOneRowDoNotWaitAndTheEarlierFailsAtCommit() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_fufu (id int PRIMARY KEY, v int)", "INSERT INTO docc_fufu VALUES (1, 0)");
        try (Connection a = open(); Connection b = open()) {
            value(a, "SELECT v FROM docc_fufu WHERE id = 1 FOR UPDATE");
            value(b, "SELECT v FROM docc_fufu WHERE id = 1 FOR UPDATE");
            update(b, "UPDATE docc_fufu SET v = 2 WHERE id = 1");
            b.commit();
            assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
            a.rollback();
        }
        assertThat(committedValue("docc_fufu", 1)).isEqualTo(2);
    }

    @Test
    void forShareAndForNoKeyUpdateAreRefusedAsDsqlRefusesThem() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_lc (id int PRIMARY KEY, v int)", "INSERT INTO docc_lc VALUES (1, 0)");
        for (String clause : List.of("FOR SHARE", "FOR NO KEY UPDATE")) {
            try (Connection a = open()) {
                assertThatThrownBy(() -> value(a, "SELECT v FROM docc_lc WHERE id = 1 " + clause)).as(clause)
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getSQLState()).isEqualTo("0A000");
                            assertThat(e.getMessage()).contains("locking clauses other than FOR UPDATE/FOR KEY SHARE are not supported");
                        });
                a.rollback();
            }
        }
    }

    @Test
    void aReadOnlyTransactionNeverConflicts() throws SQLException {
        GatewayOccTest.setup(local, "CREATE TABLE docc_ro (id int PRIMARY KEY, v int)", "INSERT INTO docc_ro VALUES (1, 0)");
        try (Connection a = open(); Connection b = open()) {
            assertThat(value(a, "SELECT v FROM docc_ro WHERE id = 1")).isZero();
            update(b, "UPDATE docc_ro SET v = 1 WHERE id = 1");
            b.commit();
            assertThat(value(a, "SELECT v FROM docc_ro WHERE id = 1")).isZero(); // a's snapshot
            a.commit();
        }
    }

    @Test
    void manyClientsIncrementingOneRowWithWholeTransactionRetryEndAtTheExactTotal() throws Exception {
        assertThat(oneRowStorm(local, 6, 40)).isEqualTo(6L * 40);
    }

    /**
     * {@code clients} threads each add 1 to one shared row {@code perClient} times, every increment a
     * read-modify-write transaction run by {@link OccRetry} (the whole transaction
     * retried), over a pool of as many connections as clients. Returns the row's final value.
     */
    static long oneRowStorm(DsqlLocal local, int clients, int perClient) throws Exception {
        String table = "docc_storm_" + clients + "_" + perClient;
        GatewayOccTest.setup(local, "CREATE TABLE " + table + " (id int PRIMARY KEY, v bigint)", "INSERT INTO " + table + " VALUES (1, 0)");
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(GatewayOccTest.dataSource(local));
        hc.setMaximumPoolSize(clients);
        hc.setAutoCommit(true);
        OccRetry retry = OccRetry.of(200, Duration.ofMillis(1), Duration.ofMillis(50));
        AtomicLong attempts = new AtomicLong();
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perClient; i++) {
                            attempts.addAndGet(retry.run(ds, conn -> {
                                long v = value(conn, "SELECT v FROM " + table + " WHERE id = 1");
                                try (Statement s = conn.createStatement()) {
                                    s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                                    s.executeUpdate("UPDATE " + table + " SET v = " + (v + 1) + " WHERE id = 1");
                                }
                                return null;
                            }).attempts());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdownNow();
            }
        }
        System.err.println("OCC one-row storm: " + clients + " x " + perClient + " increments took " + attempts.get() + " attempts");
        return committedValue(local, table);
    }

    private static long committedValue(DsqlLocal local, String table) throws SQLException {
        try (Connection c = local.connect()) {
            return value(c, "SELECT v FROM " + table + " WHERE id = 1");
        }
    }

    @Test
    @Tag("soak")
    void anIncrementStormSoak() throws Exception {
        assertThat(GatewayOccTest.increments(local, 32, 500, 4)).isEqualTo(32L * 500);
    }

    private static void waitUntilRunning(String text) throws Exception {
        try (Connection c = local.postgres().connect()) {
            for (int i = 0; i < 3000; i++) {
                try (Statement s = c.createStatement();
                     var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%"
                             + text + "%' AND pid <> pg_backend_pid()")) {
                    rs.next();
                    if (rs.getInt(1) > 0) return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the statement never started: " + text);
    }
}
