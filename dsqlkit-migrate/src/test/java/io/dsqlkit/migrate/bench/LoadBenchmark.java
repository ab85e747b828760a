package io.dsqlkit.migrate.bench;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.pg.PostgresServer;
import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.batch.BatchSpec;
import io.dsqlkit.migrate.load.LoadReport;
import io.dsqlkit.migrate.load.LoadSpec;
import io.dsqlkit.migrate.load.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench/load/run.sh: N rows (default 1,000,000) loaded into local DSQL with the chunked loader, next
 * to one unbounded COPY of the same file into the PostgreSQL behind it (the local ceiling); then an
 * N-row backfill with the chunked batch runner next to one unbounded UPDATE. Reports rows/s and ratios.
 * Runs only with -Ddsqlkit.bench=true (a fresh local DSQL, not the shared test one).
 */
@EnabledIfSystemProperty(named = "dsqlkit.bench", matches = "true")
class LoadBenchmark {
    @Test
    void loadAndBackfillVersusUnboundedPostgres() throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        int parallel = Integer.getInteger("bench.parallel", 4);
        Path file = Files.createTempFile("dsqlkit-bench-", ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,name,qty,note\n");
            for (int i = 1; i <= rows; i++) {
                w.write(i + ",customer " + i + "," + (i % 100) + ",note for row " + i + "\n");
            }
        }
        try (DsqlLocal local = DsqlLocal.start()) {
            PostgresServer pg = local.postgres();
            DataSource dsql = io.dsqlkit.testkit.TestDb.url(local.jdbcUrl(), local.user(), local.password());
            DataSource plain = io.dsqlkit.testkit.TestDb.url(pg.jdbcUrl(), PostgresServer.SUPERUSER, pg.superuserPassword());
            String ddl = " (id bigint PRIMARY KEY, name text, qty int, note text)";
            exec(dsql, "CREATE TABLE bench_dsql" + ddl);
            exec(plain, "CREATE TABLE bench_pg" + ddl);

            // Ceiling: one COPY of the whole file, one transaction, straight into PostgreSQL.
            long t0 = System.nanoTime();
            try (Connection c = plain.getConnection(); InputStream in = Files.newInputStream(file)) {
                long n = new CopyManager((org.postgresql.core.BaseConnection) c.unwrap(PGConnection.class))
                        .copyIn("COPY bench_pg FROM STDIN WITH (FORMAT csv, HEADER true)", in);
                assertThat(n).isEqualTo(rows);
            }
            double pgLoad = rows / secs(t0);

            t0 = System.nanoTime();
            LoadReport r = new Loader(dsql).load(LoadSpec.of(file, "bench_dsql").withParallelism(parallel)
                    .withRejectFile(file.resolveSibling(file.getFileName() + ".rejects")), p -> {});
            double dsqlLoad = rows / secs(t0);
            assertThat(r.loaded()).isEqualTo(rows);
            assertThat(r.tableCountMatches()).isTrue();

            t0 = System.nanoTime();
            exec(plain, "UPDATE bench_pg SET qty = qty + 1");
            double pgUpdate = rows / secs(t0);

            t0 = System.nanoTime();
            BatchResult b = new BatchRunner(dsql, BatchRunner.DEFAULT_CHECKPOINT_TABLE, OccRetry.defaults())
                    .run(BatchSpec.update("bench_dsql", "qty = qty + 1", null), p -> {});
            double dsqlUpdate = rows / secs(t0);
            assertThat(b.rowsTotal()).isEqualTo(rows);

            String report = String.format("""
                    bench/load (%d rows, %d load connections, 2 CPU cores shared)
                      load      dsqlkit load -> local DSQL (chunks <= %d rows / %d MiB, COPY + manifest per txn): %,10.0f rows/s
                                one unbounded COPY -> plain PostgreSQL (ceiling):                           %,10.0f rows/s
                                ratio: %.2f
                      backfill  dsqlkit batch -> local DSQL (chunks of %d rows, checkpoint per txn):         %,10.0f rows/s
                                one unbounded UPDATE -> plain PostgreSQL (ceiling):                         %,10.0f rows/s
                                ratio: %.2f
                    """, rows, parallel, LoadSpec.DEFAULT_ROWS, LoadSpec.DEFAULT_BYTES >> 20, dsqlLoad, pgLoad, dsqlLoad / pgLoad,
                    BatchSpec.DEFAULT_CHUNK, dsqlUpdate, pgUpdate, dsqlUpdate / pgUpdate);
            System.err.println(report);
            Path out = Path.of(System.getProperty("bench.out", "target/bench-load.txt"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void exec(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
