package io.dsqlkit.cli.migrate;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.migrate.schema.MigrationLock;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C during {@code migrate apply} releases the lock at once and says how to resume. */
class InterruptedApplyTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sigintReleasesTheLockAndPrintsHowToResume() throws Exception {
        String h = SharedDsqlLocal.uniqueName("int_hist");
        Path loc = Files.createDirectories(dir.resolve("db"));
        Files.writeString(loc.resolve("V1__slow.sql"), "SELECT pg_sleep(20);\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp, MigrateChild.class.getName(),
                "apply", "--url", CliRun.url(), "--location", loc.toString(), "--history-table", h))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!lockHeld(h)) {
                assertThat(p.isAlive()).as("the child ended before taking the lock").isTrue();
                assertThat(System.nanoTime()).as("lock not taken within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(err).contains("migrate apply interrupted: released the migration lock")
                    .contains("run 'dsqlkit migrate apply' again to resume");
            assertThat(lockHeld(h)).isFalse();
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean lockHeld(String name) throws Exception {
        // The migrate process may be creating the lock table right now: a read that sees the schema change answers OC001.
        for (int attempt = 1; ; attempt++) {
            try {
                return lockRow(name);
            } catch (java.sql.SQLException e) {
                if (!"40001".equals(e.getSQLState()) || attempt == 5) throw e;
                Thread.sleep(50);
            }
        }
    }

    private static boolean lockRow(String name) throws Exception {
        if (TestDb.count("SELECT CASE WHEN to_regclass('" + MigrationLock.TABLE + "') IS NULL THEN 0 ELSE 1 END") == 0) return false;
        return TestDb.count("SELECT count(*) FROM " + MigrationLock.TABLE + " WHERE name = '" + name + "'") > 0;
    }
}
