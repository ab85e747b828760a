package io.dsqlkit.migrate.schema;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigratorTest {
    @TempDir
    Path dir;

    private String history = SharedDsqlLocal.uniqueName("hist");
    private String t = SharedDsqlLocal.uniqueName("mt");

    private Migrator migrator() {
        return new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history));
    }

    private void file(String name, String body) throws Exception {
        Files.writeString(dir.resolve(name), body);
    }

    private List<MigrationState.State> states() throws Exception {
        return migrator().status().stream().map(MigrationState::state).toList();
    }

    @Test
    void planApplyStatusValidateRepair() throws Exception {
        file("V1__create.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY, name text);\n"
                + "CREATE TABLE " + t + "_b (id bigint PRIMARY KEY);\n");
        file("V2__seed.sql", "INSERT INTO " + t + " VALUES (1, 'one');\nINSERT INTO " + t + " VALUES (2, 'two');\n");
        file("R__view.sql", "CREATE OR REPLACE VIEW " + t + "_v AS SELECT id FROM " + t + ";\n");

        MigrationPlan plan = migrator().plan();
        assertThat(plan.runnable()).as(plan.describe()).isTrue();
        assertThat(plan.pending()).hasSize(3);
        assertThat(plan.pending().get(0).steps()).extracting(MigrationStep::kind).containsExactly(StepKind.DDL, StepKind.DDL);
        assertThat(plan.pending().get(1).steps()).extracting(MigrationStep::kind).containsExactly(StepKind.DML, StepKind.DML);
        assertThat(plan.describe()).contains("V1 create").contains("DDL, own transaction").contains("CREATE TABLE " + t + "_b");

        Migrator.ApplyResult r = migrator().apply();
        assertThat(r.applied()).containsExactly("V1 create", "V2 seed", "R view");
        assertThat(r.statementsRun()).isEqualTo(5);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + "_v")).isEqualTo(2);
        assertThat(TestDb.count("SELECT count(*) FROM " + history + " WHERE state = 'done'")).isEqualTo(5);
        assertThat(states()).containsOnly(MigrationState.State.APPLIED);
        assertThat(migrator().validate()).isEmpty();

        // Re-apply: nothing to do.
        assertThat(migrator().apply().statementsRun()).isZero();

        // Editing an applied file is caught, and repair accepts it.
        file("V2__seed.sql", "INSERT INTO " + t + " VALUES (1, 'one');\nINSERT INTO " + t + " VALUES (2, 'TWO');\n");
        assertThat(migrator().validate()).anySatisfy(p -> assertThat(p).contains("edited after it was applied"));
        assertThat(states()).contains(MigrationState.State.CHECKSUM_MISMATCH);
        assertThatThrownBy(() -> migrator().apply()).hasMessageContaining("edited after it was applied");
        assertThat(migrator().repair(List.of(), false)).anySatisfy(s -> assertThat(s).contains("realigned checksum of V2"));
        assertThat(migrator().validate()).isEmpty();

        // A changed repeatable runs again.
        file("R__view.sql", "CREATE OR REPLACE VIEW " + t + "_v AS SELECT id, name FROM " + t + ";\n");
        assertThat(migrator().apply().applied()).containsExactly("R view");
        assertThat(TestDb.count("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + t + "_v'")).isEqualTo(2);

        // A missing file is reported by validate.
        Files.delete(dir.resolve("V2__seed.sql"));
        assertThat(migrator().validate()).anySatisfy(p -> assertThat(p).contains("file V2__seed.sql is missing"));
    }

    @Test
    void outOfOrderIsDetectedAndAppliedOnlyWhenAllowed() throws Exception {
        file("V1__a.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\n");
        file("V3__c.sql", "INSERT INTO " + t + " VALUES (3);\n");
        migrator().apply();
        file("V2__b.sql", "INSERT INTO " + t + " VALUES (2);\n");
        assertThat(states()).contains(MigrationState.State.OUT_OF_ORDER);
        assertThatThrownBy(() -> migrator().apply()).hasMessageContaining("V2 b is pending but a later version (V3)");
        new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history).withOutOfOrder(true)).apply();
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(2);
    }

    @Test
    void lintErrorsStopThePlanWithTheFixShown() throws Exception {
        file("V1__bad.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\nTRUNCATE " + t + ";\n");
        MigrationPlan plan = migrator().plan();
        assertThat(plan.runnable()).isFalse();
        assertThat(plan.problems()).anySatisfy(p -> assertThat(p).contains("V1__bad.sql:2"));
        assertThatThrownBy(() -> migrator().apply()).hasMessageContaining("nothing applied");
        assertThat(TestDb.count("SELECT count(*) FROM pg_class WHERE relname = '" + t + "'")).isZero();
    }

    @Test
    void resumesAtTheFailedStatementWithoutReapplyingEarlierOnes() throws Exception {
        file("V1__multi.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int);\n"
                + "INSERT INTO " + t + " (id, v) VALUES (1, 1);\n"
                + "INSERT INTO " + t + " (id, nope) VALUES (2, 2);\n"
                + "CREATE TABLE " + t + "_2 (id bigint PRIMARY KEY);\n");
        assertThatThrownBy(() -> migrator().apply()).isInstanceOf(MigrationException.class)
                .hasMessageContaining("V1 multi statement 3 (line 3) failed").hasMessageContaining("nope")
                .hasMessageContaining("resume");
        assertThat(migrator().status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(MigrationState.State.PARTIAL);
            assertThat(s.detail()).contains("2/4").contains("resumes at 3");
        });
        // Editing a statement that already ran is refused; fixing the failed one is fine.
        file("V1__multi.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int);\n"
                + "INSERT INTO " + t + " (id, v) VALUES (1, 1);\n"
                + "INSERT INTO " + t + " (id, v) VALUES (2, 2);\n"
                + "CREATE TABLE " + t + "_2 (id bigint PRIMARY KEY);\n");
        Migrator.ApplyResult r = migrator().apply();
        assertThat(r.statementsRun()).isEqualTo(2);
        assertThat(r.statementsSkipped()).isEqualTo(2);
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(2);
        assertThat(states()).containsExactly(MigrationState.State.APPLIED);
        assertThat(migrator().validate()).isEmpty();
    }

    @Test
    void aDdlInterruptedAfterItCommittedIsSettledFromTheCatalog() throws Exception {
        file("V1__ddl.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\nCREATE TABLE " + t + "_x (id bigint PRIMARY KEY);\n");
        // Simulate a crash after the second CREATE TABLE committed but before its history row said done.
        migrator().apply();
        TestDb.exec("UPDATE " + history + " SET state = 'started' WHERE statement_index = 1");
        assertThat(states()).containsExactly(MigrationState.State.PARTIAL);
        Migrator.ApplyResult r = migrator().apply();
        assertThat(r.statementsRun()).isEqualTo(1);
        assertThat(states()).containsExactly(MigrationState.State.APPLIED);
    }

    @Test
    void destructiveStatementsNeedConfirmation() throws Exception {
        file("V1__drop.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\nDROP TABLE " + t + ";\n");
        assertThatThrownBy(() -> migrator().apply()).hasMessageContaining("destructive").hasMessageContaining("--yes")
                .hasMessageContaining("DROP TABLE " + t);
        new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history).withConfirmed(true)).apply();
        assertThat(TestDb.count("SELECT count(*) FROM pg_class WHERE relname = '" + t + "'")).isZero();
    }

    @Test
    void twoConcurrentAppliesOnlyOneApplies() throws Exception {
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, run text)");
        file("V1__slow.sql", "SELECT pg_sleep(1.5);\nINSERT INTO " + t + " (id, run) VALUES (1, 'x');\n");
        CyclicBarrier start = new CyclicBarrier(2);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            String owner = "runner-" + i;
            new Thread(() -> {
                try {
                    start.await();
                    ran.add(new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history)
                            .withOwner(owner)).apply().statementsRun());
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        assertThat(ran).containsExactly(2);
        assertThat(failures).singleElement().isInstanceOf(LockHeldException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("another migration run holds the lock").contains("runner-"));
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(1);
        // The lock was released: a later run proceeds.
        assertThat(migrator().apply().statementsRun()).isZero();
    }

    @Test
    void aStaleLockIsTakenOver() throws Exception {
        file("V1__a.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\n");
        try (var c = TestDb.dataSource().getConnection()) {
            MigrationLock.ensureTable(c);
        }
        TestDb.exec("INSERT INTO " + MigrationLock.TABLE + " VALUES ('" + history + "', 'dead-run', now() - interval '1 hour',"
                + " now() - interval '1 hour')");
        assertThatThrownBy(() -> new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history)
                .withLock(Duration.ofHours(2), Duration.ZERO)).apply()).isInstanceOf(LockHeldException.class).hasMessageContaining("dead-run");
        new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history)
                .withLock(Duration.ofSeconds(30), Duration.ZERO)).apply();
        assertThat(states()).containsExactly(MigrationState.State.APPLIED);
    }

    @Test
    void addColumnWithDefaultRecipeBackfillsInChunks() throws Exception {
        file("V1__t.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY, name text);\n");
        migrator().apply();
        TestDb.fill(t, "id, name", "i, 'n'", 4_200);
        Path f = Migrator.newMigration(dir, "add status to " + t, Recipes.addColumnWithDefault(t, "status", "text", "'active'"));
        assertThat(f.getFileName().toString()).isEqualTo("V2__add_status_to_" + t + ".sql");
        MigrationPlan plan = migrator().plan();
        assertThat(plan.runnable()).as(plan.describe()).isTrue();
        assertThat(plan.pending().get(0).steps()).extracting(MigrationStep::kind)
                .containsExactly(StepKind.DDL, StepKind.DDL, StepKind.BATCHED_DML);
        migrator().apply();
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE status = 'active'")).isEqualTo(4_200);
        TestDb.exec("INSERT INTO " + t + " (id, name) VALUES (999999, 'new')");
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE status IS NULL")).isZero();
    }

    @Test
    void newMigrationNumbersAfterTheHighestVersion() throws Exception {
        file("V7__x.sql", "SELECT 1;\n");
        Path p = Migrator.newMigration(dir, "Create Orders!", null);
        assertThat(p.getFileName().toString()).isEqualTo("V8__create_orders.sql");
    }

    @Test
    void recreateTableRecipeChangesTypeAndNotNullByCopyAndSwap() throws Exception {
        file("V1__t.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY, code text, qty text DEFAULT '0');\n");
        migrator().apply();
        TestDb.fill(t, "id, code, qty", "i, 'c' || i, CAST(i % 50 AS text)", 4_100);
        String body;
        try (var c = TestDb.dataSource().getConnection()) {
            body = Recipes.recreateTable(c, t, java.util.Map.of("qty", "integer"), java.util.Set.of("code"), null);
        }
        Migrator.newMigration(dir, "recreate " + t, body);
        MigrationPlan plan = migrator().plan();
        assertThat(plan.runnable()).as(plan.describe()).isTrue();
        assertThat(plan.pending().get(0).steps()).extracting(MigrationStep::kind)
                .containsExactly(StepKind.DDL, StepKind.BATCHED_DML, StepKind.DML, StepKind.DDL, StepKind.DDL, StepKind.DDL);
        assertThat(plan.destructiveSteps()).singleElement().satisfies(s -> assertThat(s.sql()).startsWith("DROP TABLE " + t + "_old"));
        assertThatThrownBy(() -> migrator().apply()).hasMessageContaining("--yes");

        new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history).withConfirmed(true)).apply();
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(4_100);
        assertThat(TestDb.count("SELECT sum(qty) FROM " + t)).isEqualTo(TestDb.count("SELECT sum(i % 50) FROM generate_series(1, 4100) i"));
        assertThat(TestDb.count("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + t
                + "' AND ((column_name = 'qty' AND data_type = 'integer') OR (column_name = 'code' AND is_nullable = 'NO'))")).isEqualTo(2);
        assertThat(TestDb.count("SELECT count(*) FROM pg_class WHERE relname IN ('" + t + "_old', '" + t + "_new')")).isZero();
    }

    @Test
    void aFalseAssertionStopsTheMigration() throws Exception {
        file("V1__a.sql", "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\n-- dsqlkit:assert\nSELECT count(*) = 1 FROM " + t
                + ";\nCREATE TABLE " + t + "_after (id bigint PRIMARY KEY);\n");
        assertThatThrownBy(() -> migrator().apply()).hasMessageContaining("assertion at line 3 is not true");
        assertThat(TestDb.count("SELECT count(*) FROM pg_class WHERE relname = '" + t + "_after'")).isZero();
    }
}
