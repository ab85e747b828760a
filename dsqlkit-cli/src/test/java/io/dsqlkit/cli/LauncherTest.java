package io.dsqlkit.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code ./dsqlkit} launcher, run from a temporary copy of the checkout's layout with a fake {@code mvnw}
 * (records a build, writes the jar) and a fake java (prints its arguments): it builds only when sources are
 * newer than the last build, caches the JDK pick, passes DSQLKIT_JAVA and the arguments through.
 */
class LauncherTest {
    @TempDir
    Path dir;
    Path builds;

    @BeforeEach
    void layout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path launcher = Path.of("..", "dsqlkit").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(launcher), "runs in the checkout");
        Files.copy(launcher, dir.resolve("dsqlkit"));
        dir.resolve("dsqlkit").toFile().setExecutable(true);
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve("dsqlkit-cli/src/main/java"));
        Files.writeString(dir.resolve("dsqlkit-cli/pom.xml"), "<project/>");
        Files.writeString(dir.resolve("dsqlkit-cli/src/main/java/A.java"), "class A {}");
        builds = dir.resolve("builds.txt");
        script("mvnw", "echo build >> '" + builds + "'\nmkdir -p dsqlkit-cli/target\necho jar > dsqlkit-cli/target/dsqlkit.jar\n");
        script("fakejava", "echo \"java $*\"\n");
        age(dir.resolve("pom.xml"));
        age(dir.resolve("dsqlkit-cli/pom.xml"));
        age(dir.resolve("dsqlkit-cli/src/main/java/A.java"));
        age(dir.resolve("dsqlkit-cli/src/main/java"));
        age(dir.resolve("dsqlkit-cli/src/main"));
    }

    @Test
    void buildsOnceThenRunsTheJarWithTheGivenJava() throws Exception {
        String first = run("--version");
        assertThat(first).contains("-jar " + dir.resolve("dsqlkit-cli/target/dsqlkit.jar")).endsWith("--version\n");
        assertThat(builds()).isEqualTo(1);
        assertThat(run("lint", "x.sql")).contains("-XX:TieredStopAtLevel=1").endsWith("lint x.sql\n");
        assertThat(builds()).isEqualTo(1);
        assertThat(dir.resolve("dsqlkit-cli/target/.dsqlkit-java")).exists();
    }

    @Test
    void aChangedSourceRebuilds() throws Exception {
        run("--version");
        Path src = dir.resolve("dsqlkit-cli/src/main/java/A.java");
        Files.writeString(src, "class A { int x; }");
        Files.setLastModifiedTime(src, FileTime.from(Instant.now().plusSeconds(5)));
        run("--version");
        assertThat(builds()).isEqualTo(2);
    }

    @Test
    void aChangeAnywhereInASourceTreeRebuilds() throws Exception {
        // the check walks the trees with bash's globbing (no find): nested folders, hidden files, added files
        Path pkg = Files.createDirectories(dir.resolve("dsqlkit-cli/src/main/resources/a/b"));
        Path deep = Files.writeString(pkg.resolve("C.txt"), "c");
        Path hidden = Files.writeString(pkg.resolve(".hidden"), "h");
        for (Path p : List.of(deep, hidden, pkg, pkg.getParent(), pkg.getParent().getParent(), dir.resolve("dsqlkit-cli/src/main"))) age(p);
        run("--version");
        assertThat(builds()).isEqualTo(1);
        run("--version");
        assertThat(builds()).as("nothing changed").isEqualTo(1);
        // each change is made in the future (newer than the build stamp), then aged again after its rebuild
        assertRebuiltAfterChanging(deep, 2, "a file three folders down");
        run("--version");
        assertThat(builds()).as("nothing changed since").isEqualTo(2);
        assertRebuiltAfterChanging(hidden, 3, "a hidden file");
        age(Files.writeString(pkg.resolve("D.txt"), "d"));
        assertRebuiltAfterChanging(pkg, 4, "a file added: its folder is newer");
    }

    /** {@code p} made newer than the last build, then a run: the {@code builds}-th build; {@code p} aged again. */
    private void assertRebuiltAfterChanging(Path p, int builds, String what) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(5)));
        run("--version");
        assertThat(builds()).as(what).isEqualTo(builds);
        age(p);
    }

    @Test
    void aBuildThatLeavesTheJarAloneDoesNotRebuildEveryTime() throws Exception {
        run("--version");
        // as after a build Maven did not repackage: the jar older than the sources, the stamp newer
        Files.setLastModifiedTime(dir.resolve("dsqlkit-cli/target/dsqlkit.jar"), FileTime.from(Instant.now().minusSeconds(10_000)));
        run("--version");
        assertThat(builds()).isEqualTo(1);
        Files.delete(dir.resolve("dsqlkit-cli/target/.dsqlkit-built"));
        run("--version");
        assertThat(builds()).isEqualTo(2);
    }

    private String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", dir.resolve("dsqlkit").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("DSQLKIT_JAVA", dir.resolve("fakejava").toString());
        pb.environment().put("DSQLKIT_CDS", "0");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private long builds() throws IOException {
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    private void script(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        f.toFile().setExecutable(true);
    }

    private static void age(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(7200)));
    }
}
