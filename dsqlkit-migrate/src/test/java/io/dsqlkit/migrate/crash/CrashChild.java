package io.dsqlkit.migrate.crash;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.batch.BatchSpec;
import io.dsqlkit.migrate.load.LoadSpec;
import io.dsqlkit.migrate.load.Loader;
import io.dsqlkit.migrate.load.LoadReport;
import io.dsqlkit.migrate.schema.MigrateConfig;
import io.dsqlkit.migrate.schema.Migrator;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process the crash tests kill with SIGKILL: runs a migration, a backfill or a load against
 * the given database, printing READY first and DONE at the end.
 */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        DataSource ds = io.dsqlkit.testkit.TestDb.url(args[1], args[2], "");
        System.out.println("READY");
        System.out.flush();
        switch (mode) {
            case "migrate" -> {
                MigrateConfig cfg = MigrateConfig.defaults(Path.of(args[3])).withHistoryTable(args[4])
                        .withLock(Duration.ofSeconds(2), Duration.ofSeconds(60));
                System.out.println("applied " + new Migrator(ds, cfg).apply().statementsRun());
            }
            case "batch" -> {
                BatchSpec spec = BatchSpec.update(args[3], "n = n + 1", null).withChunkSize(250).withJobId(args[3] + "-crash");
                System.out.println(new BatchRunner(ds, BatchRunner.DEFAULT_CHECKPOINT_TABLE, OccRetry.defaults())
                        .run(spec, p -> {}).summary());
            }
            case "load" -> {
                LoadSpec spec = LoadSpec.of(Path.of(args[3]), args[4]).withChunk(300, 1 << 20).withParallelism(3)
                        .withLoadId(args[4] + "-crash").withRejectFile(Path.of(args[3] + ".rejects"));
                LoadReport r = new Loader(ds).load(spec, p -> {});
                System.out.println("loaded " + r.loaded() + " rejected " + r.rejected());
            }
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.println("DONE");
        System.out.flush();
    }
}
