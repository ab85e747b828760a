package io.dsqlkit.cli.migrate;

import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.dsqlkit.cli.migrate.CliRun.concat;
import static org.assertj.core.api.Assertions.assertThat;

/** migrate on plain mistakes and interruptions. */
class MigrateMistakesTest {
    @TempDir
    Path dir;

    private String[] common(Path loc, String history) {
        return new String[] {"--url", CliRun.url(), "--location", loc.toString(), "--history-table", history};
    }

    private CliRun migrate(String sub, String[] common, String... more) {
        return CliRun.of(new MigrateCommand(), concat(concat(new String[] {sub}, common), more));
    }

    @Test
    void aCommentOnlyMigrationIsRecordedAndDoesNotBlockLaterOnes() throws Exception {
        String t = SharedDsqlLocal.uniqueName("mm_comment");
        Path loc = Files.createDirectories(dir.resolve("comment"));
        String[] c = common(loc, SharedDsqlLocal.uniqueName("mm_hist"));
        Files.writeString(loc.resolve("V1__placeholder.sql"), "-- reserved for the orders schema\n/* nothing yet */\n");
        Files.writeString(loc.resolve("V2__create.sql"), "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\n");
        CliRun apply = migrate("apply", c);
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Applied 2 migration(s)");

        CliRun status = migrate("status", c);
        assertThat(status.out()).doesNotContain("PENDING").doesNotContain("OUT_OF_ORDER");
        assertThat(status.out().lines().filter(l -> l.startsWith("APPLIED"))).hasSize(2);
        CliRun validate = migrate("validate", c);
        assertThat(validate.code()).as(validate.out()).isZero();
        Files.writeString(loc.resolve("V3__more.sql"), "ALTER TABLE " + t + " ADD COLUMN note text;\n");
        CliRun again = migrate("apply", c);
        assertThat(again.code()).as(again.err() + again.out()).isZero();
        assertThat(again.out()).contains("Applied 1 migration(s)");
    }

    @Test
    void statusExits1OnAChecksumMismatch() throws Exception {
        String t = SharedDsqlLocal.uniqueName("mm_sum");
        Path loc = Files.createDirectories(dir.resolve("sum"));
        String[] c = common(loc, SharedDsqlLocal.uniqueName("mm_hist"));
        Path v1 = Files.writeString(loc.resolve("V1__t.sql"), "CREATE TABLE " + t + " (id bigint PRIMARY KEY);\n");
        assertThat(migrate("apply", c).code()).isZero();
        assertThat(migrate("status", c).code()).isZero();
        Files.writeString(v1, "CREATE TABLE " + t + " (id bigint PRIMARY KEY, edited text);\n");
        CliRun status = migrate("status", c);
        assertThat(status.out()).contains("CHECKSUM_MISMATCH");
        assertThat(status.code()).isEqualTo(1);
    }

    @Test
    void anEmptyOrMistypedLocationIsNotUpToDate() throws Exception {
        String h = SharedDsqlLocal.uniqueName("mm_hist");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun e = migrate("apply", common(empty, h));
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.out()).doesNotContain("up to date");
        assertThat(e.err()).contains("no migrations in " + empty).contains("V<version>__<description>.sql");

        CliRun missing = migrate("status", common(dir.resolve("db/migrations-typo"), h));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");

        Path misnamed = Files.createDirectories(dir.resolve("misnamed"));
        Files.writeString(misnamed.resolve("v1__lowercase.sql"), "SELECT 1;\n");
        CliRun m = migrate("plan", common(misnamed, h));
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("v1__lowercase.sql");
    }

    @Test
    void invalidUtf8NamesTheFileLineAndByte() throws Exception {
        Path loc = Files.createDirectories(dir.resolve("latin1"));
        byte[] latin1 = "CREATE TABLE x (id bigint PRIMARY KEY);\n-- caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(loc.resolve("V1__latin1.sql"), latin1);
        CliRun r = migrate("plan", common(loc, SharedDsqlLocal.uniqueName("mm_hist")));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("V1__latin1.sql: not valid UTF-8 at byte 46 (line 2)").doesNotContain("Input length");
    }

    @Test
    void aHalfDoneBatchedBackfillShowsAsPartial() throws Exception {
        String t = SharedDsqlLocal.uniqueName("mm_partial");
        TestDb.exec("CREATE TABLE " + t + " (id bigint PRIMARY KEY, v int)");
        TestDb.fill(t, "id, v", "i, 0", 4_000);
        Path loc = Files.createDirectories(dir.resolve("partial"));
        String[] c = common(loc, SharedDsqlLocal.uniqueName("mm_hist"));
        // The chunk holding id 3500 divides by zero: the chunks before it commit, then the statement fails.
        Files.writeString(loc.resolve("V1__backfill.sql"), "-- dsqlkit:batch\nUPDATE " + t + " SET v = 1 / (id - 3500) + 1 WHERE v = 0;\n");
        CliRun apply = migrate("apply", c);
        assertThat(apply.code()).isEqualTo(1);
        assertThat(TestDb.count("SELECT count(*) FROM " + t + " WHERE v <> 0")).isPositive();
        CliRun status = migrate("status", c);
        assertThat(status.out()).contains("PARTIAL").doesNotContain("PENDING").contains("part-way");
    }

    @Test
    void recreateTableKeepsSequenceDefaults() throws Exception {
        String t = SharedDsqlLocal.uniqueName("mm_seq");
        TestDb.exec("CREATE SEQUENCE " + t + "_id_seq CACHE 1",
                "CREATE TABLE " + t + " (id bigint PRIMARY KEY DEFAULT nextval('" + t + "_id_seq'), qty bigint)",
                "ALTER SEQUENCE " + t + "_id_seq OWNED BY " + t + ".id",
                "INSERT INTO " + t + " (qty) VALUES (1), (2)");
        Path loc = Files.createDirectories(dir.resolve("seq"));
        CliRun recipe = CliRun.of(new MigrateCommand(), "recipe", "recreate-table", "--url", CliRun.url(), "--location", loc.toString(),
                "--table", t, "--alter-type", "qty=integer");
        assertThat(recipe.code()).as(recipe.err()).isZero();
        String body = Files.readString(Path.of(recipe.out().trim()));
        assertThat(body).contains("DEFAULT nextval(");
        CliRun apply = migrate("apply", common(loc, SharedDsqlLocal.uniqueName("mm_hist")), "--yes");
        assertThat(apply.code()).as(apply.err() + apply.out()).isZero();
        TestDb.exec("INSERT INTO " + t + " (qty) VALUES (3)");
        assertThat(TestDb.count("SELECT max(id) FROM " + t)).isEqualTo(3);
    }
}
