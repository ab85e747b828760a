package io.dsqlkit.local.occ;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.catalog.BehaviourDriver;
import io.dsqlkit.local.catalog.TestBackend;
import io.dsqlkit.local.pg.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Optimistic concurrency over real concurrent PostgreSQL sessions (dsql-facts §3): conflicts end in
 * 40001 OC000 and nobody waits long; a stale catalog gives OC001 once.
 */
class OccBehaviourTest {
    static PostgresServer pg;
    static StandardDsqlBehaviour behaviour;

    @BeforeAll
    static void start() throws SQLException {
        pg = TestBackend.get();
        behaviour = new StandardDsqlBehaviour();
        behaviour.install(pg::connect);
    }

    @AfterAll
    static void stop() {
        behaviour.close();
    }

    private static void createTable(String ddl, String fill) throws SQLException {
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            s.exec(ddl);
            if (fill != null) s.exec(fill);
        }
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void writeWriteAfterTheWinnerCommittedFailsTheLoserWithOc000() throws SQLException {
        createTable("CREATE TABLE occ_ww (id int PRIMARY KEY, v int)", "INSERT INTO occ_ww VALUES (1, 0), (2, 0)");
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            a.begin();
            b.begin();
            b.exec("SELECT v FROM occ_ww WHERE id = 1"); // b's snapshot predates a's commit
            a.exec("UPDATE occ_ww SET v = v + 1 WHERE id = 1");
            a.commit();
            assertThatThrownBy(() -> b.exec("UPDATE occ_ww SET v = v + 10 WHERE id = 1"))
                    .hasMessage("change conflicts with another transaction (OC000)")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("40001"));
            b.commit(); // answers as a rollback: the transaction was aborted
            assertThat(a.value("SELECT v FROM occ_ww WHERE id = 1")).isEqualTo("1");
        }
    }

    @Test
    void writeWriteWhileTheWinnerIsOpenFailsTheLoserAfterABoundedWait() throws SQLException {
        createTable("CREATE TABLE occ_open (id int PRIMARY KEY, v int)", "INSERT INTO occ_open VALUES (1, 0)");
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            a.begin();
            a.exec("UPDATE occ_open SET v = 1 WHERE id = 1");
            b.begin();
            assertThatThrownBy(() -> b.exec("UPDATE occ_open SET v = 2 WHERE id = 1"))
                    .hasMessage("change conflicts with another transaction (OC000)");
            b.rollback();
            a.commit();
            assertThat(a.value("SELECT v FROM occ_open")).isEqualTo("1");
        }
    }

    @Test
    void disjointRowsDoNotConflict() throws SQLException {
        createTable("CREATE TABLE occ_disjoint (id int PRIMARY KEY, v int)", "INSERT INTO occ_disjoint VALUES (1, 0), (2, 0)");
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            a.begin();
            b.begin();
            a.exec("UPDATE occ_disjoint SET v = 1 WHERE id = 1");
            b.exec("UPDATE occ_disjoint SET v = 2 WHERE id = 2");
            a.commit();
            b.commit();
            assertThat(a.exec("SELECT v FROM occ_disjoint ORDER BY id")).containsExactly(List.of("1"), List.of("2"));
        }
    }

    @Test
    void selectForUpdateConflictsWithAConcurrentUpdate() throws SQLException {
        createTable("CREATE TABLE occ_fu (id int PRIMARY KEY, v int)", "INSERT INTO occ_fu VALUES (1, 0)");
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            // Updater commits first: the FOR UPDATE reader fails, as DSQL's matrix says.
            a.begin();
            a.exec("SELECT v FROM occ_fu WHERE id = 1");
            b.exec("UPDATE occ_fu SET v = 5 WHERE id = 1");
            assertThatThrownBy(() -> a.exec("SELECT v FROM occ_fu WHERE id = 1 FOR UPDATE"))
                    .hasMessage("change conflicts with another transaction (OC000)");
            a.rollback();
            // FOR UPDATE still open: the writer fails after the bounded wait (DSQL would fail it at COMMIT).
            a.begin();
            a.exec("SELECT v FROM occ_fu WHERE id = 1 FOR UPDATE");
            assertThatThrownBy(() -> b.exec("UPDATE occ_fu SET v = 6 WHERE id = 1"))
                    .hasMessage("change conflicts with another transaction (OC000)");
            a.commit();
            assertThat(b.value("SELECT v FROM occ_fu")).isEqualTo("5");
        }
    }

    @Test
    void forKeyShareConflictsWithDeleteOfTheKey() throws SQLException {
        createTable("CREATE TABLE occ_ks (id int PRIMARY KEY, v int)", "INSERT INTO occ_ks VALUES (1, 0)");
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            a.begin();
            a.exec("SELECT id FROM occ_ks WHERE id = 1 FOR KEY SHARE");
            b.exec("UPDATE occ_ks SET v = 1 WHERE id = 1"); // non-key update: no conflict (§3 matrix)
            assertThatThrownBy(() -> b.exec("DELETE FROM occ_ks WHERE id = 1"))
                    .hasMessage("change conflicts with another transaction (OC000)");
            a.commit();
        }
    }

    @Test
    void anotherSessionsDdlMakesTheNextTransactionFailWithOc001Once() throws SQLException {
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            assertThat(b.value("SELECT 1")).isEqualTo("1");
            a.exec("CREATE TABLE occ_ddl (id int PRIMARY KEY)");
            assertThat(a.value("SELECT count(*) FROM occ_ddl")).isEqualTo("0"); // the DDL's own session is current
            // §8.2: also for a change committed before b's transaction began; reads included.
            assertThatThrownBy(b::begin)
                    .hasMessage("schema has been updated by another transaction (OC001)")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("40001"));
            b.begin(); // the retry on the same session has a fresh cache
            assertThat(b.value("SELECT count(*) FROM occ_ddl")).isEqualTo("0");
            b.commit();
            a.exec("CREATE INDEX ASYNC occ_ddl_idx ON occ_ddl (id)"); // async DDL is DDL too
            assertThatThrownBy(() -> b.exec("SELECT 1")).hasMessageContaining("(OC001)");
        }
    }

    @Test
    void injectedConflictFailsTheChosenCommitAndRollsItBack() throws SQLException {
        createTable("CREATE TABLE occ_inj (id int PRIMARY KEY, v int)", "INSERT INTO occ_inj VALUES (1, 0)");
        try (BehaviourDriver a = new BehaviourDriver(behaviour, pg); BehaviourDriver b = new BehaviourDriver(behaviour, pg)) {
            behaviour.conflicts().failNextCommit(s -> s.id() == b.id());
            a.begin();
            a.exec("UPDATE occ_inj SET v = v + 1");
            a.commit();
            b.begin();
            b.exec("UPDATE occ_inj SET v = v + 100");
            assertThatThrownBy(b::commit).hasMessage("change conflicts with another transaction (OC000)");
            assertThat(b.value("SELECT v FROM occ_inj")).isEqualTo("1");
        }
    }

    @Test
    void concurrentIncrementsWithRetryLoseNothing() throws Exception {
        assertThat(incrementConcurrently(8, 50, 2)).isEqualTo(8 * 50);
    }

    @Test
    @Tag("soak")
    void concurrentIncrementsWithRetryLoseNothingSoak() throws Exception {
        assertThat(incrementConcurrently(32, 500, 4)).isEqualTo(32 * 500);
    }

    /** N clients x M increments of shared counters; each transaction retried on OCC failures. */
    private static long incrementConcurrently(int clients, int increments, int counters) throws Exception {
        String table = "occ_counter_" + clients + "_" + increments;
        StringBuilder rows = new StringBuilder();
        for (int k = 0; k < counters; k++) rows.append(k == 0 ? "" : ", ").append("(").append(k).append(", 0)");
        createTable("CREATE TABLE " + table + " (id int PRIMARY KEY, v bigint)", "INSERT INTO " + table + " VALUES " + rows);
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
                        for (int i = 0; i < increments; i++) {
                            int counter = (client + i) % counters;
                            for (int attempt = 1; ; attempt++) {
                                boolean committing = false;
                                try {
                                    s.begin();
                                    long v = Long.parseLong(s.value("SELECT v FROM " + table + " WHERE id = " + counter));
                                    s.exec("UPDATE " + table + " SET v = " + (v + 1) + " WHERE id = " + counter);
                                    committing = true;
                                    s.commit();
                                    break;
                                } catch (SQLException e) {
                                    if (s.inTransactionBlock()) s.rollback();
                                    if (!OccRetry.isRetryable(e, committing) || attempt > 200) throw e;
                                    retries.incrementAndGet();
                                    Thread.sleep(1 + (attempt % 5));
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        try (BehaviourDriver s = new BehaviourDriver(behaviour, pg)) {
            return Long.parseLong(s.value("SELECT sum(v) FROM " + table));
        }
    }
}
