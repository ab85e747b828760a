package io.dsqlkit.local.pg;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sweeps the ephemeral run folders (about 40 MB each) that dead local DSQLs left under the run root.
 * A folder is dead when nobody holds its {@link DataFolderLock}. Folders from versions without the
 * lock are dead when they are older than {@link #LEGACY_AGE} and their PostgreSQL is gone or was
 * orphaned (its parent is init). Whatever still runs on a dead folder is stopped first.
 */
final class RunFolders {
    private static final System.Logger LOG = System.getLogger("dsqlkit.local");
    static final String PREFIX = "data-";
    static final Duration LEGACY_AGE = Duration.ofMinutes(30);

    private RunFolders() {}

    static void sweep(Path root, Path home) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) continue;
                try {
                    sweepOne(dir, home);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot sweep " + dir + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot list " + root + ": " + e.getMessage());
        }
    }

    private static void sweepOne(Path dir, Path home) throws IOException {
        if (Files.exists(dir.resolve(DataFolderLock.FILE))) {
            Optional<DataFolderLock> lock = DataFolderLock.tryAcquire(dir);
            if (lock.isEmpty()) return; // its local DSQL is alive
            try (DataFolderLock held = lock.get()) {
                delete(dir, home);
            }
            return;
        }
        if (Files.getLastModifiedTime(dir).toInstant().isAfter(Instant.now().minus(LEGACY_AGE))) return;
        Optional<ProcessHandle> pg = StaleServer.postmaster(dir);
        if (pg.isPresent() && pg.get().parent().map(p -> p.pid() != 1).orElse(false)) return;
        delete(dir, home);
    }

    private static void delete(Path dir, Path home) throws IOException {
        StaleServer.postmaster(dir).ifPresent(pg -> StaleServer.stop(home, dir, pg));
        PostgresBinaries.deleteTree(dir);
        LOG.log(System.Logger.Level.INFO, "removed the run folder " + dir + " of a local DSQL that is no longer running");
    }
}
