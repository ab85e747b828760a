package io.dsqlkit.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dsqlkit lint} end to end through picocli. Uses statements every rule set flags: TRUNCATE
 * (dsql-facts §1.1: 0A000 "unsupported statement: Truncate") and CREATE INDEX without ASYNC
 * (§8.1: 0A000 "unsupported mode. please use CREATE INDEX ASYNC.").
 */
class LintCommandTest {
    static final String TRUNCATE_MSG = "unsupported statement: Truncate";
    static final String INDEX_MSG = "unsupported mode. please use CREATE INDEX ASYNC.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String sql) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, sql);
        return p;
    }

    private static void assertNoStackTrace(Cli r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpAndVersion() {
        Cli root = Cli.run("--help");
        assertThat(root.exit()).isZero();
        assertThat(root.out()).contains("lint").contains("Exit codes");
        Cli lint = Cli.run("lint", "--help");
        assertThat(lint.exit()).isZero();
        assertThat(lint.out()).contains("--fix", "--profile", "--format", "sarif (SARIF 2.1.0)", "Exit codes",
                "warnings alone exit 0");
        Cli version = Cli.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("dsqlkit ");
    }

    @Test
    void errorsExitOneWithCompilerStyleText() throws Exception {
        Path f = write("001.sql", "-- init\nTRUNCATE orders;\n");
        Cli r = Cli.run("lint", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(f + ":2:1: error[")
                .contains(TRUNCATE_MSG + " (SQLSTATE 0A000)")
                .contains("2 | TRUNCATE orders;")
                .contains("help: ")
                .contains("1 finding (1 error, 0 warnings) in 1 file");
        assertThat(r.out()).doesNotContain("\u001b[");
        assertNoStackTrace(r);
    }

    @Test
    void cleanSqlExitsZero() throws Exception {
        Path f = write("ok.sql", "CREATE INDEX ASYNC i ON t (a);\nSELECT 'TRUNCATE t;' AS note;\n");
        Cli r = Cli.run("lint", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("0 findings (0 errors, 0 warnings) in 1 file");
    }

    @Test
    void directoriesAreSearchedRecursivelyInSortedOrder() throws Exception {
        write("b.sql", "TRUNCATE b;\n");
        write("a.sql", "TRUNCATE a;\n");
        write("sub/c.SQL", "TRUNCATE c;\n");
        write(".hidden/d.sql", "TRUNCATE d;\n");
        write("notes.txt", "TRUNCATE e;\n");
        Cli r = Cli.run("lint", "--format", "json", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = JSON.readTree(r.out());
        List<String> paths = new ArrayList<>();
        for (JsonNode f : root.path("files")) paths.add(f.path("path").asText());
        assertThat(paths).containsExactly(dir.resolve("a.sql").toString(), dir.resolve("b.sql").toString(),
                dir.resolve("sub/c.SQL").toString());
        assertThat(root.path("summary").path("errors").asInt()).isEqualTo(3);
        JsonNode d = root.path("files").get(0).path("diagnostics").get(0);
        assertThat(d.path("message").asText()).isEqualTo(TRUNCATE_MSG);
        assertThat(d.path("sqlstate").asText()).isEqualTo("0A000");
        assertThat(d.path("line").asInt()).isEqualTo(1);
        assertThat(d.path("column").asInt()).isEqualTo(1);
    }

    @Test
    void sarifAndGithubFormatsFromTheCommand() throws Exception {
        Path f = write("x.sql", "CREATE INDEX i ON t(a);\n");
        Cli sarif = Cli.run("lint", "--format", "sarif", f.toString());
        assertThat(sarif.exit()).isEqualTo(1);
        JsonNode run = JSON.readTree(sarif.out()).path("runs").get(0);
        JsonNode result = run.path("results").get(0);
        assertThat(result.path("message").path("text").asText()).startsWith(INDEX_MSG);
        assertThat(result.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt())
                .isEqualTo(1);
        Cli gh = Cli.run("lint", "--format", "github", f.toString());
        assertThat(gh.exit()).isEqualTo(1);
        assertThat(gh.out()).contains("::error file=" + GithubRenderer.property(f.toString()) + ",line=1,");
    }

    @Test
    void fixRewritesFilesInPlaceOnlyWhenChanged() throws Exception {
        Path bad = write("bad.sql", "TRUNCATE orders;\nCREATE INDEX i ON t(a);\n");
        Path good = write("good.sql", "SELECT 1;\n");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(good, old);
        Cli r = Cli.run("lint", "--fix", bad.toString(), good.toString());
        String fixed = Files.readString(bad);
        assertThat(fixed).containsIgnoringCase("DELETE FROM orders").containsIgnoringCase("CREATE INDEX ASYNC");
        assertThat(Files.getLastModifiedTime(good)).isEqualTo(old);
        assertThat(r.err()).contains(bad + ": fixed 2 findings");
        assertThat(r.out()).contains("fixed 2 findings (1 input changed)");
        // nothing but the two files: the temporary file was moved, not left behind
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("bad.sql", "good.sql");
        }
        Cli again = Cli.run("lint", bad.toString());
        assertThat(again.out()).doesNotContain(TRUNCATE_MSG).doesNotContain(INDEX_MSG);
    }

    @Test
    void fixReportsWhatItCouldNotFixWithTheReasonAndKeepsPermissions() throws Exception {
        Path f = write("mixed.sql", "CREATE INDEX i ON t(a);\nCREATE TEMPORARY TABLE scratch (id uuid);\n");
        boolean posix = f.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Cli r = Cli.run("lint", "--fix", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(Files.readString(f)).startsWith("CREATE INDEX ASYNC i ON t(a);\n");
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(f.toString()) + ":2:1: not fixed \\[[a-z-]+\\]: \\S+");
        if (posix) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-r-----");
        }
    }

    @Test
    void fixOnStdinPrintsTheFixedSqlAndReportsOnStderr() {
        Cli r = Cli.withStdin("TRUNCATE orders;\n", "lint", "--fix", "-");
        assertThat(r.out()).containsIgnoringCase("DELETE FROM orders;").doesNotContain("finding");
        assertThat(r.err()).contains("<stdin>: fixed 1 finding");
    }

    @Test
    void pipedStdinIsLintedWithoutArguments() {
        Cli r = Cli.withStdin("TRUNCATE t;", "lint");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("<stdin>:1:1: error[").contains(TRUNCATE_MSG);
    }

    @Test
    void unterminatedQuoteIsASyntaxErrorLikePostgres() {
        Cli r = Cli.withStdin("SELECT 1;\nSELECT 'abc;\nTRUNCATE t;\n", "lint", "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("<stdin>:2:8: error[unterminated-token]: unterminated quoted string at or near \"'abc;...\" (SQLSTATE 42601)");
        assertNoStackTrace(r);
    }

    @Test
    void missingFileIsAnIoErrorNamingThePath() throws Exception {
        Path ok = write("ok.sql", "SELECT 1;\n");
        Cli r = Cli.run("lint", dir.resolve("nope.sql").toString(), ok.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("nope.sql") + ": no such file or directory");
        assertThat(r.out()).contains("1 input not linted");
        assertNoStackTrace(r);
    }

    @Test
    void binaryFilesAreSkippedWithAClearMessage() throws Exception {
        Path bin = dir.resolve("blob.sql");
        Files.write(bin, new byte[] {'S', 0, 1, 2, (byte) 0xFF, 0});
        Cli r = Cli.run("lint", bin.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bin + ": binary file (contains NUL bytes), skipped");
        assertNoStackTrace(r);
    }

    @Test
    void invalidUtf8IsReportedWithTheByteOffset() throws Exception {
        Path f = dir.resolve("latin1.sql");
        Files.write(f, "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("lint", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not valid UTF-8 at byte 11 (line 1)");
        assertNoStackTrace(r);
    }

    @Test
    void directoryWithoutSqlFilesSaysSo() throws Exception {
        write("readme.txt", "hello");
        Cli r = Cli.run("lint", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(dir + ": no .sql files in this directory");
        assertNoStackTrace(r);
    }

    @Test
    void usageErrorsExitTwo() {
        Cli profile = Cli.run("lint", "--profile", "2024-01", "-");
        assertThat(profile.exit()).isEqualTo(2);
        assertThat(profile.err()).contains("unknown DSQL profile '2024-01'").contains("2025-05, 2026-09");
        Cli format = Cli.run("lint", "--format", "xml", "-");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("unknown format 'xml'");
        Cli stdinFixJson = Cli.withStdin("SELECT 1;", "lint", "--fix", "--format", "json", "-");
        assertThat(stdinFixJson.exit()).isEqualTo(2);
        assertThat(stdinFixJson.err()).contains("--fix on standard input");
        Cli noCommand = Cli.run();
        assertThat(noCommand.exit()).isEqualTo(2);
        assertNoStackTrace(profile);
        assertNoStackTrace(format);
    }

    @Test
    void profileChangesWhatIsFlagged() {
        String sql = "CREATE TABLE t (id bigint PRIMARY KEY, doc jsonb);\n";
        Cli current = Cli.withStdin(sql, "lint", "-");
        assertThat(current.exit()).isZero();
        Cli ga = Cli.withStdin(sql, "lint", "--profile", "2025-05", "-");
        assertThat(ga.exit()).isEqualTo(1);
    }
}
