package io.dsqlkit.local.pg;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9: a killed {@code dsqlkit local} must not leave its PostgreSQL running, a start must take
 * over a data folder a dead run left behind, and dead ephemeral run folders are swept.
 */
class OrphansAndRestartsTest {
    /** Generous: how long PostgreSQL may take to notice its parent died and shut down (a bound, not a timing). */
    static final Duration GONE_WITHIN = Duration.ofSeconds(60);

    /** A folder the server user can reach (when root, PostgreSQL runs as nobody; JUnit's temp folders are 0700). */
    Path folder() throws Exception {
        Path dir = Files.createTempDirectory(PostgresServer.runRoot(), "test-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        folders.add(dir);
        return dir;
    }

    final List<Path> folders = new ArrayList<>();

    @AfterEach
    void deleteFolders() throws Exception {
        for (Path dir : folders) PostgresBinaries.deleteTree(dir);
    }

    static long postmasterPid(Path data) throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    static boolean gone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) return true;
            Thread.sleep(100);
        }
        return false;
    }

    static void assertWorks(Path data) throws Exception {
        try (DsqlLocal local = DsqlLocal.builder().dataDir(data).start();
             Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS restart_t (id int PRIMARY KEY)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM restart_t")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void killNineOfTheJvmTakesItsPostgresDown() throws Exception {
        Path tmp = folder();
        Path data = tmp.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalDsqlChild.class.getName(), data.toString()).redirectErrorStream(true).start();
        long pg;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) lines.add(line);
            assertThat(line).as("child output: %s", lines).isNotNull();
            pg = postmasterPid(data);
            assertThat(ProcessHandle.of(pg)).isPresent();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(gone(pg, GONE_WITHIN)).as("postgres %d outlived its killed JVM", pg).isTrue();
        assertWorks(data);
    }

    @Test
    void aStartTakesOverAServerLeftRunningOnItsDataFolder() throws Exception {
        Path tmp = folder();
        Path data = tmp.resolve("data");
        assertWorks(data); // initialised
        // A PostgreSQL started outside dsqlkit's control on the same folder, as an orphan would be.
        Path home = PostgresBinaries.install();
        ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(List.of(home.resolve("bin/postgres").toString(), "-D",
                data.toAbsolutePath().toString(), "-p", Integer.toString(PostgresServer.freePort()), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + data.toAbsolutePath())))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
        Process orphan = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(data.resolve("postmaster.pid")) && System.nanoTime() < deadline) Thread.sleep(50);
            Thread.sleep(500);
            assertThat(orphan.isAlive()).isTrue();
            assertWorks(data);
            assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).as("the stale server was stopped").isTrue();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aLockFileNamingAnUnrelatedLiveProcessIsStale() throws Exception {
        Path tmp = folder();
        Path data = tmp.resolve("data");
        assertWorks(data);
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        try {
            List<String> lock = new ArrayList<>(List.of(Long.toString(unrelated.pid()), data.toAbsolutePath().toString(),
                    Long.toString(Instant.now().getEpochSecond()), "5432", data.toAbsolutePath().toString(), "127.0.0.1",
                    "  5432001         0", "ready   "));
            Files.write(data.resolve("postmaster.pid"), lock);
            assertWorks(data);
            assertThat(unrelated.isAlive()).as("an unrelated process is never signalled").isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void deadEphemeralRunFoldersAreSwept() throws Exception {
        Path root = PostgresServer.runRoot();
        Path dead = Files.createTempDirectory(root, "data-");
        Files.writeString(dead.resolve("PG_VERSION"), "16\n");
        Files.write(dead.resolve("postmaster.pid"), List.of("999999999", dead.toString()));
        Files.setLastModifiedTime(dead, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        try (PostgresServer first = PostgresServer.start(PostgresServer.Options.ephemeral());
             PostgresServer second = PostgresServer.start(PostgresServer.Options.ephemeral())) {
            assertThat(dead).doesNotExist();
            assertThat(first.dataDir()).as("a live run's folder is kept").exists();
            assertThat(first.isAlive()).isTrue();
            assertThat(second.isAlive()).isTrue();
        } finally {
            PostgresBinaries.deleteTree(dead);
        }
    }
}
