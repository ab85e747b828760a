package io.dsqlkit.cli.migrate;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands end to end through picocli, with the shared connection options (--url). */
class CommandsTest {
    @TempDir
    Path dir;

    @Test
    void migratePlanApplyStatusValidate() throws Exception {
        String t = SharedDsqlLocal.uniqueName("cli_m");
        String h = SharedDsqlLocal.uniqueName("cli_hist");
        Path loc = dir.resolve("db/migration");
        assertThat(CliRun.of(new MigrateCommand(), "new", "--location", loc.toString(), "create", t).code()).isZero();
        Path v1 = loc.resolve("V1__create_" + t + ".sql");
        Files.writeString(v1, Files.readString(v1) + "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\n");
        String[] common = {"--url", CliRun.url(), "--location", loc.toString(), "--history-table", h};

        CliRun plan = CliRun.of(new MigrateCommand(), CliRun.concat(new String[] {"plan"}, common));
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("V1 create " + t.replace("_", " ")).contains("DDL, own transaction");

        CliRun apply = CliRun.of(new MigrateCommand(), CliRun.concat(new String[] {"apply"}, common));
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Applied 1 migration(s), 1 statement(s)");

        assertThat(CliRun.of(new MigrateCommand(), CliRun.concat(new String[] {"status"}, common)).out()).contains("APPLIED");
        assertThat(CliRun.of(new MigrateCommand(), CliRun.concat(new String[] {"validate"}, common)).code()).isZero();

        Files.writeString(loc.resolve("V2__bad.sql"), "TRUNCATE " + t + ";\n");
        CliRun bad = CliRun.of(new MigrateCommand(), CliRun.concat(new String[] {"plan"}, common));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("Problems that stop the run").contains("V2__bad.sql:1");

        CliRun recipe = CliRun.of(new MigrateCommand(), "recipe", "add-column", "--location", loc.toString(), "--table", t,
                "--column", "status", "--type", "text", "--default", "'new'");
        assertThat(recipe.code()).as(recipe.err()).isZero();
        assertThat(Files.readString(Path.of(recipe.out().trim()))).contains("-- dsqlkit:batch");
    }

    @Test
    void batchLoadAndIntegrity() throws Exception {
        String t = SharedDsqlLocal.uniqueName("cli_b");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int)");
        Path csv = dir.resolve("rows.csv");
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 1; i <= 3_200; i++) sb.append(i).append(',').append(i == 7 ? "x" : "0").append('\n');
        Files.writeString(csv, sb);

        CliRun load = CliRun.of(new LoadCommand(), "--url", CliRun.url(), "--table", t, csv.toString(), "--parallel", "2", "--max-rejects", "1");
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out()).contains("read 3200, loaded 3199").contains("rejected 1").contains("verified");

        CliRun dry = CliRun.of(new BatchCommand(), "--url", CliRun.url(), "--table", t, "--set", "v = 1", "--where", "v = 0", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("3199 matching rows in 4 chunks of at most 1000 rows");

        CliRun batch = CliRun.of(new BatchCommand(), "--url", CliRun.url(), "--table", t, "--set", "v = 1", "--where", "v = 0");
        assertThat(batch.code()).as(batch.err()).isZero();
        assertThat(batch.out()).contains("3199 rows changed");
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE v = 1")).isEqualTo(3_199);

        Path rel = dir.resolve("rel.json");
        Files.writeString(rel, "[{\"child\": \"" + t + "\", \"columns\": [\"v\"], \"parent\": \"" + t + "\", \"parentColumns\": [\"id\"]}]");
        CliRun integrity = CliRun.of(new IntegrityCommand(), "--url", CliRun.url(), "--relationships", rel.toString(), "--table", t);
        assertThat(integrity.code()).as(integrity.err()).isZero();
        assertThat(integrity.out()).contains("ok");

        CliRun noDb = CliRun.of(new BatchCommand(), "--table", t, "--delete", "--cluster", "abc", "--region", "nowhere");
        assertThat(noDb.code()).isEqualTo(2);
    }
}
