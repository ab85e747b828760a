package io.dsqlkit.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files bigger than one lint window are linted in chunks with bounded memory, and positions stay
 * absolute. The default test uses ~2.5 MiB (three windows) in-process; the soak test lints ~100 MiB in a child JVM
 * whose heap is capped at 640 MiB, which fails if the whole file's tokens were kept at once.
 */
class BigInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRUNCATE_EVERY = 500;

    @TempDir
    Path dir;

    /** Writes about {@code bytes} of SQL; returns the 1-based lines holding a TRUNCATE. */
    static List<Integer> generate(Path file, long bytes) throws Exception {
        List<Integer> truncateLines = new ArrayList<>();
        long written = 0;
        int line = 1;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; written < bytes; i++) {
                String s;
                if (i % TRUNCATE_EVERY == TRUNCATE_EVERY - 1) {
                    s = "TRUNCATE audit_log;\n";
                    truncateLines.add(line);
                } else if (i % 3 == 0) {
                    s = "-- row " + i + "; not a statement\nINSERT INTO accounts (id, name, note) VALUES (" + i
                            + ", 'name " + i + "', 'TRUNCATE; inside a string');\n";
                } else if (i % 3 == 1) {
                    s = "UPDATE accounts SET name = $q$x;y$q$ WHERE id = " + i + ";\n";
                } else {
                    s = "SELECT id, name FROM accounts WHERE id = " + i + ";\n";
                }
                for (int k = 0; k < s.length(); k++) if (s.charAt(k) == '\n') line++;
                w.write(s);
                written += s.length();
            }
        }
        return truncateLines;
    }

    private static List<Integer> truncateLines(JsonNode report) {
        List<Integer> lines = new ArrayList<>();
        for (JsonNode d : report.path("files").get(0).path("diagnostics")) {
            if (d.path("message").asText().equals(LintCommandTest.TRUNCATE_MSG)) {
                assertThat(d.path("column").asInt()).isEqualTo(1);
                lines.add(d.path("line").asInt());
            }
        }
        return lines;
    }

    @Test
    void aFewMegabytesAreLintedInChunksWithAbsolutePositions() throws Exception {
        Path f = dir.resolve("big.sql");
        List<Integer> expected = generate(f, 5L << 19);
        Cli r = Cli.run("lint", "--format", "json", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(truncateLines(JSON.readTree(r.out()))).isEqualTo(expected);
    }

    @Test
    @Tag("soak")
    void hundredMegabytesInABoundedHeap() throws Exception {
        Path f = dir.resolve("huge.sql");
        List<Integer> expected = generate(f, 100L << 20);
        Path out = dir.resolve("report.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx640m", "-cp", System.getProperty("java.class.path"),
                "io.dsqlkit.cli.Main", "lint", "--format", "json", f.toString())
                .redirectOutput(out.toFile())
                .redirectError(new File(dir.toFile(), "stderr.txt"))
                .start();
        assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("Exception").doesNotContain("OutOfMemory");
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(truncateLines(JSON.readTree(out.toFile()))).isEqualTo(expected);
    }
}
