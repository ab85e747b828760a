package io.dsqlkit.local.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a local DSQL that did not shut down (killed, crashed, or a version without a parent-death
 * signal) left in a data folder: a {@code postmaster.pid} naming a PostgreSQL that still runs (an
 * orphan: stopped here) or a process that is gone or is something else (the file is removed, so
 * PostgreSQL does not refuse to start with "lock file postmaster.pid already exists").
 * Callers hold the folder's {@link DataFolderLock}, so no live local DSQL uses the folder.
 */
final class StaleServer {
    private static final System.Logger LOG = System.getLogger("dsqlkit.local");
    static final String PID_FILE = "postmaster.pid";

    private StaleServer() {}

    static void clear(Path home, Path data) throws IOException {
        Path pidFile = data.resolve(PID_FILE);
        if (!Files.exists(pidFile)) return;
        Optional<ProcessHandle> running = postmaster(data);
        if (running.isEmpty()) {
            // A dead pid PostgreSQL handles itself (and checks that no old backend still uses the shared
            // memory); a live pid that is something else it would take for a running server.
            if (namedProcessAlive(pidFile)) {
                Files.deleteIfExists(pidFile);
                LOG.log(System.Logger.Level.INFO, "removed a stale " + pidFile + ": the process it names is not "
                        + "PostgreSQL on this folder");
            }
            return;
        }
        ProcessHandle pg = running.get();
        LOG.log(System.Logger.Level.WARNING, "PostgreSQL (pid " + pg.pid() + ") is still running on " + data
                + ", left behind by a local DSQL that did not stop it; stopping it");
        stop(home, data, pg);
        if (pg.isAlive()) {
            throw new IOException("PostgreSQL (pid " + pg.pid() + ") still runs on " + data + " and could not be stopped; "
                    + "stop it (kill " + pg.pid() + ") and start again");
        }
    }

    private static boolean namedProcessAlive(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return !lines.isEmpty() && ProcessHandle.of(pid(lines.get(0))).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The live PostgreSQL postmaster {@code postmaster.pid} names, if it is one and runs on {@code data}. */
    static Optional<ProcessHandle> postmaster(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve(PID_FILE));
            if (lines.isEmpty()) return Optional.empty();
            long pid = pid(lines.get(0));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> runsOn(h.pid(), data));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A single-user server (initdb, {@code postgres --single}) writes its pid negated. */
    private static long pid(String line) {
        return Math.abs(Long.parseLong(line.strip()));
    }

    /** Whether {@code pid} is a {@code postgres} process started with {@code -D data}. */
    static boolean runsOn(long pid, Path data) {
        try {
            String[] args = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            if (args.length == 0 || !Path.of(args[0]).getFileName().toString().equals("postgres")) return false;
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("-D")) return same(Path.of(args[i + 1]), data);
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Fast shutdown through pg_ctl, then SIGKILL of it and its children if it is still there. */
    static void stop(Path home, Path data, ProcessHandle pg) {
        try {
            ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(List.of(home.resolve("bin/pg_ctl").toString(), "stop",
                    "-D", data.toString(), "-m", "fast", "-w", "-t", "30")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
            RunAs.start(pb).waitFor(40, TimeUnit.SECONDS);
            pg.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            List<ProcessHandle> children = pg.descendants().toList();
            pg.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle c : children) {
                try {
                    c.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // best effort: PostgreSQL reports shared memory still in use if one survives
                }
            }
        }
    }
}
