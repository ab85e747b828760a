package io.dsqlkit.migrate.crash;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the migration runner, the backfill and the loader at random points, then re-runs
 * until one completes: the result must be exactly as if nothing had crashed (no lost rows, no
 * duplicated rows or double-applied updates, a consistent history). Child JVMs run with the test
 * classpath. Bounded by default (5 kills each); @Tag("soak") runs 25.
 */
class CrashTest {
    @TempDir
    Path dir;

    private final long seed = Long.getLong("dsqlkit.crash.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @Test
    void migrationRunnerKilledAtRandomPointsConverges() throws Exception {
        migration(5);
    }

    @Test
    void backfillKilledAtRandomPointsConverges() throws Exception {
        backfill(5);
    }

    @Test
    void loaderKilledAtRandomPointsConverges() throws Exception {
        load(5);
    }

    @Test
    @Tag("soak")
    void soakAllThree() throws Exception {
        migration(25);
        backfill(25);
        load(25);
    }

    private void migration(int kills) throws Exception {
        String h = SharedDsqlLocal.uniqueName("crash_hist");
        String log = SharedDsqlLocal.uniqueName("crash_log");
        Path loc = Files.createDirectories(dir.resolve(h));
        // A table without a primary key: a statement applied twice would show as a duplicate.
        TestDb.exec("CREATE TABLE " + log + " (seq bigint NOT NULL)");
        int files = 4;
        int perFile = 40;
        int inserts = 0;
        for (int f = 1; f <= files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < perFile; s++) {
                if (s % 10 == 0) sb.append("CREATE TABLE ").append(log).append("_").append(f).append("_").append(s).append(" (id bigint PRIMARY KEY);\n");
                else if (s % 10 == 5) sb.append("ALTER TABLE ").append(log).append("_").append(f).append("_").append(s - 5).append(" ADD COLUMN c").append(s).append(" text;\n");
                else sb.append("INSERT INTO ").append(log).append(" VALUES (").append(++inserts).append(");\n");
            }
            Files.writeString(loc.resolve("V" + f + "__part_" + f + ".sql"), sb);
        }
        converge(kills, "migrate", loc.toString(), h);
        assertThat(TestDb.count("SELECT count(*) FROM " + log)).isEqualTo(inserts);
        assertThat(TestDb.count("SELECT count(DISTINCT seq) FROM " + log)).isEqualTo(inserts);
        assertThat(TestDb.count("SELECT count(*) FROM " + h + " WHERE state = 'done'")).isEqualTo((long) files * perFile);
        assertThat(TestDb.count("SELECT count(*) FROM " + h + " WHERE state <> 'done'")).isZero();
        assertThat(TestDb.count("SELECT count(*) FROM information_schema.columns WHERE table_name LIKE '" + log + "\\_%' AND column_name LIKE 'c%'"))
                .isEqualTo((long) files * (perFile / 10));
    }

    private void backfill(int kills) throws Exception {
        String t = SharedDsqlLocal.uniqueName("crash_bf");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, n int NOT NULL)");
        TestDb.fill(t, "id, n", "i, 0", 20_000);
        // n = n + 1 is not idempotent: a chunk applied twice leaves n = 2.
        converge(kills, "batch", t);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE n = 1")).isEqualTo(20_000);
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(20_000);
        assertThat(TestDb.count("SELECT rows_done FROM dsqlkit_batch_checkpoint WHERE job_id = '" + t + "-crash'")).isEqualTo(20_000);
    }

    private void load(int kills) throws Exception {
        String t = SharedDsqlLocal.uniqueName("crash_ld");
        TestDb.exec("CREATE TABLE " + t + " (id bigint NOT NULL, v text)");
        Path csv = dir.resolve(t + ".csv");
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 1; i <= 30_000; i++) sb.append(i).append(",value ").append(i).append('\n');
        Files.writeString(csv, sb);
        String out = converge(kills, "load", csv.toString(), t);
        assertThat(out).contains("loaded 30000 rejected 0");
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(30_000);
        assertThat(TestDb.count("SELECT count(DISTINCT id) FROM " + t)).isEqualTo(30_000);
    }

    /** Starts the child, kills it at a random point {@code kills} times, then lets one run finish. */
    private String converge(int kills, String... args) throws Exception {
        int killed = 0;
        for (int attempt = 0; attempt < kills + 20; attempt++) {
            boolean kill = killed < kills;
            Process p = start(args);
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).as("child start (seed %d)", seed).isEqualTo("READY");
            if (kill) {
                Thread.sleep(random.nextInt(1_200));
                if (p.isAlive()) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback from the client side
                    p.waitFor(30, TimeUnit.SECONDS);
                    killed++;
                    continue;
                }
            }
            List<String> lines = new ArrayList<>();
            for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("child failed (seed %d): %s", seed, err).isZero();
            assertThat(lines).contains("DONE");
            // A run that finished before its kill came has converged (on a fast machine the work can
            // end before the random kill point); the callers' assertions check the result either way.
            return String.join("\n", lines);
        }
        throw new AssertionError("did not converge (seed " + seed + ")");
    }

    private Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
                CrashChild.class.getName(), args[0], TestDb.local().jdbcUrl(), TestDb.local().user()));
        for (int i = 1; i < args.length; i++) cmd.add(args[i]);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
