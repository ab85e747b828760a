package io.dsqlkit.migrate.load;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoaderTest {
    @TempDir
    Path dir;

    private String table() throws Exception {
        String t = SharedDsqlLocal.uniqueName("load");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, name text NOT NULL, qty int CHECK (qty >= 0), note text)");
        return t;
    }

    @Test
    void csvWithBadRowsLoadsTheGoodOnesAndRejectsTheRestWithLineNumbers() throws Exception {
        String t = table();
        StringBuilder csv = new StringBuilder("id,name,qty,note\n");
        for (int i = 1; i <= 5_000; i++) {
            if (i == 10) csv.append("10,ten,notanumber,x\n");            // client-side: bad integer
            else if (i == 20) csv.append("20,twenty\n");                  // client-side: field count
            else if (i == 30) csv.append("30,thirty,-5,x\n");             // server-side: CHECK (23514)
            else if (i == 40) csv.append("39,dup,1,x\n");                 // server-side: duplicate key (23505)
            else if (i == 50) csv.append("50,,1,x\n");                     // client-side: NULL into NOT NULL
            else if (i == 60) csv.append("60,\"multi\nline, \"\"quoted\"\"\",1,\"\"\n"); // valid, spans two lines
            else csv.append(i).append(",name ").append(i).append(',').append(i % 7).append(",\n");
        }
        Path file = dir.resolve("items.csv");
        Files.writeString(file, csv);

        LoadReport r = new Loader(TestDb.dataSource()).load(LoadSpec.of(file, t).withChunk(700, 1 << 20).withParallelism(3), p -> {});

        assertThat(r.read()).isEqualTo(5_000);
        assertThat(r.rejected()).isEqualTo(5);
        assertThat(r.loaded()).isEqualTo(4_995);
        assertThat(r.accountedFor()).isTrue();
        assertThat(r.tableCountMatches()).isTrue();
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(4_995);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE id = 60 AND name = E'multi\\nline, \"quoted\"' AND note = ''"))
                .isEqualTo(1);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE note IS NULL")).isEqualTo(4_994);

        List<String> rejects = Files.readAllLines(r.rejectFile());
        assertThat(rejects.get(0)).isEqualTo("line,reason,record");
        String all = String.join("\n", rejects);
        assertThat(all).contains("11,\"invalid input syntax for type integer: \"\"notanumber\"\"")
                .contains("21,\"expected 4 fields, found 2\"")
                .contains("51,\"null value in column \"\"name\"\"")
                .containsPattern("\n31,\"new row for relation .* violates check constraint")
                .contains("\n41,\"duplicate key value");
        // physical line numbers: the header is line 1, record i is on line i + 1 (until the two-line record 60)

        // A re-run is idempotent: nothing loaded twice, the same rejects reported.
        LoadReport again = new Loader(TestDb.dataSource()).load(LoadSpec.of(file, t).withChunk(700, 1 << 20), p -> {});
        assertThat(again.loadedThisRun()).isZero();
        assertThat(again.loaded()).isEqualTo(4_995);
        assertThat(again.rejected()).isEqualTo(5);
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(4_995);
    }

    @Test
    void tsvAndJsonLines() throws Exception {
        String t = table();
        Path tsv = dir.resolve("a.tsv");
        Files.writeString(tsv, "id\tname\tqty\tnote\n1\tone\t1\t\\N\n2\ttab\\there\t2\tx\n3\tthree\tbad\tx\n");
        LoadReport r1 = new Loader(TestDb.dataSource()).load(LoadSpec.of(tsv, t), p -> {});
        assertThat(r1.loaded()).isEqualTo(2);
        assertThat(r1.rejected()).isEqualTo(1);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE name = E'tab\\there' AND id = 2")).isEqualTo(1);

        Path jsonl = dir.resolve("b.jsonl");
        Files.writeString(jsonl, """
                {"id": 10, "name": "ten", "qty": 3, "note": null}
                {"id": 11, "name": "eleven \\"q\\"", "qty": 4}
                {"id": 12, "name": "twelve", "extra": 1}
                not json
                {"id": 13, "name": "thirteen", "qty": -1}
                {"id": 14, "name": "fourteen", "qty": 0, "note": "ok"}
                """);
        LoadReport r2 = new Loader(TestDb.dataSource()).load(LoadSpec.of(jsonl, t), p -> {});
        assertThat(r2.read()).isEqualTo(6);
        assertThat(r2.loaded()).isEqualTo(3);
        assertThat(r2.rejected()).isEqualTo(3);
        assertThat(r2.tableCountMatches()).isTrue();
        assertThat(r2.baselineRows()).isEqualTo(2);
        assertThat(TestDb.count("SELECT count(*) FROM " + t)).isEqualTo(5);
        assertThat(Files.readString(r2.rejectFile())).contains("unknown key \"\"extra\"\"").contains("invalid JSON")
                .containsPattern("\n5,\"new row for relation .* violates check constraint");
    }
}
