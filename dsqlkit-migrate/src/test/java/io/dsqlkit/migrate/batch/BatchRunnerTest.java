package io.dsqlkit.migrate.batch;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.migrate.progress.Progress;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRunnerTest {

    @Test
    void updatesMoreRowsThanOneDsqlTransactionAllowsInChunks() throws Exception {
        String t = SharedDsqlLocal.uniqueName("batch_upd");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, status text, n int)");
        TestDb.fill(t, "id, status, n", "i, 'new', 0", 7_500);
        List<Progress> seen = new ArrayList<>();
        BatchRunner runner = new BatchRunner(TestDb.dataSource());
        BatchSpec spec = BatchSpec.update(t, "status = 'done', n = n + 1", "status = 'new'").withChunkSize(1_000);

        BatchResult r = runner.run(spec, seen::add);

        // §2: 3,000 rows per transaction; 7,500 rows need several chunks, each under the limit.
        assertThat(r.rowsTotal()).isEqualTo(7_500);
        assertThat(r.chunksThisRun()).isGreaterThanOrEqualTo(8);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE status = 'done' AND n = 1")).isEqualTo(7_500);
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1).done()).isEqualTo(7_500);

        // A re-run of the finished job changes nothing (the checkpoint says finished).
        BatchResult again = runner.run(spec, p -> {});
        assertThat(again.rowsThisRun()).isZero();
        assertThat(TestDb.count("SELECT max(n) FROM " + t)).isEqualTo(1);
    }

    @Test
    void deletesWithACompositeKeyAndResumesFromTheCheckpoint() throws Exception {
        String t = SharedDsqlLocal.uniqueName("batch_del");
        TestDb.exec("CREATE TABLE " + t + " (tenant int, id bigint, v text, PRIMARY KEY (tenant, id))");
        TestDb.fill(t, "tenant, id, v", "i % 3, i, 'x'", 4_000);
        BatchRunner runner = new BatchRunner(TestDb.dataSource());
        BatchSpec spec = BatchSpec.delete(t, "tenant <> 1").withChunkSize(500).withJobId(t + "-job");

        BatchPlan plan = runner.plan(spec);
        assertThat(plan.rows()).isEqualTo(TestDb.count("SELECT count(*) FROM " + t + " WHERE tenant <> 1"));
        assertThat(plan.chunks()).isEqualTo((plan.rows() + 499) / 500);
        assertThat(plan.key()).containsExactly("tenant", "id");

        BatchResult r = runner.run(spec, p -> {});
        assertThat(r.rowsTotal()).isEqualTo(plan.rows());
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE tenant <> 1")).isZero();
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(4_000 - plan.rows());
    }

    @Test
    void refusesAJobIdUsedForAnotherStatementAndATableWithoutPrimaryKey() throws Exception {
        String t = SharedDsqlLocal.uniqueName("batch_guard");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int)");
        TestDb.fill(t, "id, v", "i, 0", 10);
        BatchRunner runner = new BatchRunner(TestDb.dataSource());
        runner.run(BatchSpec.update(t, "v = 1", null).withJobId(t + "-j"), p -> {});
        assertThatThrownBy(() -> runner.run(BatchSpec.update(t, "v = 2", null).withJobId(t + "-j"), p -> {}))
                .hasMessageContaining("different statement");

        String nopk = SharedDsqlLocal.uniqueName("batch_nopk");
        TestDb.exec("CREATE TABLE " + nopk + " (v int)");
        assertThatThrownBy(() -> runner.run(BatchSpec.delete(nopk, null), p -> {})).hasMessageContaining("no primary key");
    }

    @Test
    void chunkSizeIsBoundedByTheDsqlRowLimit() {
        assertThatThrownBy(() -> BatchSpec.delete("t", null).withChunkSize(3_000)).hasMessageContaining("3,000");
    }
}
