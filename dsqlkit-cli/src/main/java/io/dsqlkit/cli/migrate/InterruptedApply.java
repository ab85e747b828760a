package io.dsqlkit.cli.migrate;

import io.dsqlkit.migrate.schema.MigrateConfig;
import io.dsqlkit.migrate.schema.MigrationLock;
import io.dsqlkit.migrate.support.Sql;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.SQLException;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code migrate apply}: release this run's migration lock at
 * once (instead of leaving it to go stale for a minute) and say how to resume. Statements that
 * finished are recorded; an interrupted DDL or batched backfill is settled by the next apply.
 */
final class InterruptedApply {
    private InterruptedApply() {}

    static Thread hook(DataSource ds, MigrateConfig cfg, PrintWriter err) {
        return new Thread(() -> {
            String lock;
            try {
                lock = MigrationLock.release(ds, cfg.historyTable(), cfg.owner()) > 0 ? "released the migration lock"
                        : "the migration lock was not held";
            } catch (SQLException e) {
                lock = "could not release the migration lock (" + Sql.message(e) + "; it is taken over after --stale-lock seconds, "
                        + "or run 'dsqlkit migrate repair --release-lock')";
            }
            err.println();
            err.println("migrate apply interrupted: " + lock + ". Finished statements are recorded; run 'dsqlkit migrate apply' "
                    + "again to resume where it stopped ('dsqlkit migrate status' shows where).");
            err.flush();
        }, "dsqlkit-migrate-interrupted");
    }

    /** Unregisters the hook after apply ended normally (or with an error it reports itself). */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running and reports the interruption
        }
    }
}
