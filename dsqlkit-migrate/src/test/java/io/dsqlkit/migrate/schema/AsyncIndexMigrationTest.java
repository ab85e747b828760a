package io.dsqlkit.migrate.schema;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** CREATE INDEX ASYNC + sys.jobs + CALL sys.wait_for_job (dsql-facts §4): needs the local DSQL gateway. */
class AsyncIndexMigrationTest {
    @TempDir
    Path dir;

    private final String history = SharedDsqlLocal.uniqueName("hist_async");
    private final String t = SharedDsqlLocal.uniqueName("async_t");

    @BeforeEach
    void gateway() throws Exception {
        assumeTrue(TestDb.gatewayPresent(), "sys.jobs exists only behind the local DSQL gateway");
    }

    private Migrator migrator() {
        return new Migrator(TestDb.dataSource(), MigrateConfig.defaults(dir).withHistoryTable(history));
    }

    @Test
    void anAsyncIndexIsWaitedOnAndRecorded() throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE " + t + " (id bigint PRIMARY KEY, email text);\n"
                + "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b');\n"
                + "CREATE UNIQUE INDEX ASYNC " + t + "_email ON " + t + " (email);\n");
        MigrationPlan plan = migrator().plan();
        assertThat(plan.runnable()).as(plan.describe()).isTrue();
        assertThat(plan.pending().get(0).steps().get(2).kind()).isEqualTo(StepKind.ASYNC_DDL);
        migrator().apply();
        assertThat(TestDb.count("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '"
                + t + "_email' AND i.indisvalid")).isEqualTo(1);
        assertThat(migrator().status()).extracting(MigrationState::state).containsExactly(MigrationState.State.APPLIED);
    }

    @Test
    void aFailedIndexBuildIsAFailedMigrationWithTheJobDetails() throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE " + t + " (id bigint PRIMARY KEY, email text);\n"
                + "INSERT INTO " + t + " VALUES (1, 'same'), (2, 'same');\n"
                + "CREATE UNIQUE INDEX ASYNC " + t + "_email ON " + t + " (email);\n");
        assertThatThrownBy(() -> migrator().apply()).isInstanceOf(MigrationException.class)
                .hasMessageContaining("statement 3").hasMessageContaining(t + "_email")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("failed", "INVALID"));
        assertThat(migrator().status()).extracting(MigrationState::state).containsExactly(MigrationState.State.PARTIAL);
    }
}
