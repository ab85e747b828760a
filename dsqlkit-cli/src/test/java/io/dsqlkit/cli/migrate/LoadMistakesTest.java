package io.dsqlkit.cli.migrate;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** load on the input mistakes users make: BOMs, JSON keys, missing files, bad rows. */
class LoadMistakesTest {
    @TempDir
    Path dir;

    private String table() throws Exception {
        String t = SharedDsqlLocal.uniqueName("lm");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int, note text)");
        return t;
    }

    private CliRun load(String... args) {
        return CliRun.of(new LoadCommand(), CliRun.concat(new String[] {"--url", CliRun.url()}, args));
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        String t = table();
        Path csv = dir.resolve("excel.csv");
        Files.write(csv, ("\uFEFFid,v\r\n1,10\r\n2,20\r\n").getBytes(StandardCharsets.UTF_8));
        CliRun r = load("--table", t, csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(TestDb.count("SELECT sum(v) FROM " + t)).isEqualTo(30);
    }

    @Test
    void jsonKeysAreCheckedAgainstTheTableNotTheFirstObject() throws Exception {
        String t = table();
        Path jsonl = dir.resolve("rows.jsonl");
        Files.writeString(jsonl, "{\"id\": 1}\n{\"id\": 2, \"v\": 5, \"note\": \"later key\"}\n{\"id\": 3, \"nope\": 1}\n");
        CliRun r = load("--table", t, jsonl.toString(), "--max-rejects", "1");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(2);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE note = 'later key' AND v = 5")).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("rows.jsonl.rejects.csv"))).contains("unknown key \"\"nope\"\"");
    }

    @Test
    void rejectedRowsFailTheLoadUnlessAllowedAndMaxRejectsStopsIt() throws Exception {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 1; i <= 100; i++) sb.append(i).append(',').append(i % 10 == 0 ? "bad" : "1").append('\n');
        Path csv = Files.writeString(dir.resolve("ten_bad.csv"), sb);

        CliRun strict = load("--table", table(), csv.toString());
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.out()).contains("loaded 90").contains("rejected 10");
        assertThat(strict.err()).contains("10 row(s) rejected").contains("--max-rejects");

        CliRun allowed = load("--table", table(), csv.toString(), "--max-rejects", "10");
        assertThat(allowed.code()).as(allowed.err()).isZero();

        CliRun stopped = load("--table", table(), csv.toString(), "--max-rejects", "3");
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.err()).contains("more than --max-rejects 3");
    }

    @Test
    void aMissingInputFileIsNamedAsMissing() throws Exception {
        Path nope = dir.resolve("nope.csv");
        CliRun r = load("--table", table(), nope.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: " + nope + ": no such file or folder (check the path)");
    }
}
