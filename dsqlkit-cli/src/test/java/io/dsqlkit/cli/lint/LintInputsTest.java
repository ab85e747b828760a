package io.dsqlkit.cli.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LintInputsTest {
    @TempDir
    Path dir;

    private void touch(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "SELECT 1;");
    }

    @Test
    void walksDirectoriesSortedSkippingHiddenOnesAndNonSqlFiles() throws Exception {
        touch("m/002_b.sql");
        touch("m/001_a.sql");
        touch("m/sub/003.Sql");
        touch("m/.git/x.sql");
        touch("m/readme.md");
        LintInputs.Resolved r = LintInputs.resolve(List.of(dir.resolve("m").toString()));
        assertThat(r.inputs()).extracting(LintInput::name).containsExactly(
                dir.resolve("m/001_a.sql").toString(), dir.resolve("m/002_b.sql").toString(),
                dir.resolve("m/sub/003.Sql").toString());
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aFileNamedTwiceIsLintedOnceAndStdinKeepsItsPlace() throws Exception {
        touch("a.sql");
        String a = dir.resolve("a.sql").toString();
        LintInputs.Resolved r = LintInputs.resolve(List.of(a, "-", dir.toString(), "-"));
        assertThat(r.inputs()).extracting(LintInput::name).containsExactly(a, "<stdin>");
    }

    @Test
    void missingPathsAndEmptyDirectoriesAreReportedNotThrown() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        LintInputs.Resolved r = LintInputs.resolve(List.of(dir.resolve("missing.sql").toString(),
                dir.resolve("empty").toString(), "bad\0name.sql"));
        assertThat(r.inputs()).isEmpty();
        assertThat(r.problems()).extracting(LintInputs.Problem::reason)
                .containsExactly("no such file or directory", "not a valid path: Nul character not allowed");
        assertThat(r.notes()).containsExactly(dir.resolve("empty") + ": no .sql files in this directory");
    }
}
