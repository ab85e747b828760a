package io.dsqlkit.local.occ;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.client.RetryResult;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Optimistic concurrency end to end through the gateway, in its default model (dsql), with real
 * concurrent pgjdbc sessions (dsql-facts §3).
 */
class GatewayOccTest {
    static StandardDsqlBehaviour behaviour;
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        behaviour = new StandardDsqlBehaviour();
        local = DsqlLocal.builder().behaviour(behaviour).start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    static void setup(String... sql) throws SQLException {
        setup(local, sql);
    }

    static void setup(DsqlLocal local, String... sql) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    static long value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void assertOc000(Throwable e) {
        assertThat(e).isInstanceOf(SQLException.class);
        assertThat(((SQLException) e).getSQLState()).isEqualTo("40001");
        assertThat(e.getMessage()).contains("change conflicts with another transaction (OC000)");
    }

    @Test
    void writeWriteSecondCommitterFails() throws SQLException {
        setup("CREATE TABLE gocc_ww (id int PRIMARY KEY, v int)", "INSERT INTO gocc_ww VALUES (1, 0)");
        try (Connection a = local.connect(); Connection b = local.connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            value(b, "SELECT v FROM gocc_ww WHERE id = 1");
            try (Statement s = a.createStatement()) {
                s.executeUpdate("UPDATE gocc_ww SET v = 1 WHERE id = 1");
            }
            a.commit();
            assertThatThrownBy(() -> {
                try (Statement s = b.createStatement()) {
                    s.executeUpdate("UPDATE gocc_ww SET v = 2 WHERE id = 1");
                }
                b.commit();
            }).satisfies(GatewayOccTest::assertOc000);
            b.rollback();
            assertThat(value(a, "SELECT v FROM gocc_ww WHERE id = 1")).isEqualTo(1);
            a.commit();
        }
    }

    @Test
    void disjointRowsAndForUpdate() throws SQLException {
        setup("CREATE TABLE gocc_fu (id int PRIMARY KEY, v int)", "INSERT INTO gocc_fu VALUES (1, 0), (2, 0)");
        try (Connection a = local.connect(); Connection b = local.connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                sa.executeUpdate("UPDATE gocc_fu SET v = 1 WHERE id = 1");
                sb.executeUpdate("UPDATE gocc_fu SET v = 2 WHERE id = 2");
                a.commit();
                b.commit();
                // The default model (dsql): the updater does not wait; the FOR UPDATE transaction fails at COMMIT.
                value(a, "SELECT v FROM gocc_fu WHERE id = 1 FOR UPDATE");
                sb.executeUpdate("UPDATE gocc_fu SET v = 3 WHERE id = 1");
                b.commit();
                assertThatThrownBy(a::commit).satisfies(GatewayOccTest::assertOc000);
                a.rollback();
                assertThat(value(a, "SELECT v FROM gocc_fu WHERE id = 1")).isEqualTo(3);
                a.commit();
            }
        }
    }

    @Test
    void otherSessionsDdlGivesOc001OnceThenRetrySucceeds() throws SQLException {
        try (Connection a = local.connect(); Connection b = local.connect()) {
            assertThat(value(b, "SELECT 1")).isEqualTo(1);
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE gocc_ddl (id int PRIMARY KEY)");
            }
            assertThatThrownBy(() -> value(b, "SELECT count(*) FROM gocc_ddl"))
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("40001");
                        assertThat(e.getMessage()).contains("schema has been updated by another transaction (OC001)");
                    });
            assertThat(value(b, "SELECT count(*) FROM gocc_ddl")).isZero();
        }
    }

    @Test
    void injectedConflictIsRetriedByOccRetry() throws SQLException {
        setup("CREATE TABLE gocc_inj (id int PRIMARY KEY, v int)", "INSERT INTO gocc_inj VALUES (1, 0)");
        behaviour.conflicts().failNextCommit();
        RetryResult<Integer> r = OccRetry.defaults().run(dataSource(local), c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE gocc_inj SET v = v + 1 WHERE id = 1");
            }
        });
        assertThat(r.attempts()).isEqualTo(2);
        try (Connection c = local.connect()) {
            assertThat(value(c, "SELECT v FROM gocc_inj")).isEqualTo(1);
        }
    }

    @Test
    void concurrentIncrementsWithOccRetryLoseNothing() throws Exception {
        assertThat(increments(8, 50, 2)).isEqualTo(8L * 50);
    }

    @Test
    @Tag("soak")
    void concurrentIncrementsWithOccRetryLoseNothingSoak() throws Exception {
        assertThat(increments(32, 500, 4)).isEqualTo(32L * 500);
    }

    static PGSimpleDataSource dataSource(DsqlLocal local) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(local.jdbcUrl());
        ds.setUser(local.user());
        ds.setPassword(local.password());
        return ds;
    }

    /** N clients x M increments of shared counters, each a read-modify-write transaction run by OccRetry. */
    static long increments(int clients, int perClient, int counters) throws Exception {
        return increments(local, clients, perClient, counters);
    }

    static long increments(DsqlLocal local, int clients, int perClient, int counters) throws Exception {
        String table = "gocc_counter_" + clients + "_" + perClient;
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < counters; k++) rows.append(k == 0 ? "" : ", ").append('(').append(k).append(", 0)");
        setup(local, "CREATE TABLE " + table + " (id int PRIMARY KEY, v bigint)", "INSERT INTO " + table + " VALUES " + rows);
        OccRetry retry = OccRetry.of(100, Duration.ofMillis(2), Duration.ofMillis(200));
        PGSimpleDataSource ds = dataSource(local);
        AtomicLong attempts = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        int counter = (client + i) % counters;
                        RetryResult<Void> r = retry.run(ds, conn -> {
                            long v = value(conn, "SELECT v FROM " + table + " WHERE id = " + counter);
                            try (Statement s = conn.createStatement()) {
                                s.executeUpdate("UPDATE " + table + " SET v = " + (v + 1) + " WHERE id = " + counter);
                            }
                            return null;
                        });
                        attempts.addAndGet(r.attempts());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        System.err.println("OCC counters: " + clients + " x " + perClient + " increments took " + attempts.get() + " attempts");
        try (Connection c = local.connect()) {
            return value(c, "SELECT sum(v) FROM " + table);
        }
    }
}
