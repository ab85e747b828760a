package io.dsqlkit.cli.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsqlkit.testkit.TestDb;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dsqlkit schema dump|plan|apply} through picocli with --url. */
class SchemaCommandTest {
    @TempDir
    Path dir;

    private Object[] run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Object[]{cl.execute(args), out.toString(), err.toString()};
    }

    @Test
    @SuppressWarnings("unchecked")
    void planApplyDumpAndWriteMigration() throws Exception {
        String s = SharedDsqlLocal.uniqueName("cli_schema");
        String url = "postgresql://" + TestDb.local().user() + "@127.0.0.1:" + TestDb.local().port() + "/postgres";
        Path desired = dir.resolve("desired.sql");
        Files.writeString(desired, "CREATE SCHEMA " + s + ";\nCREATE TABLE " + s + ".t (id bigint PRIMARY KEY, v text);\n");

        Object[] plan = run(new SchemaCommand(), "plan", "--url", url, "--desired", desired.toString(), "--format", "json");
        assertThat(plan[0]).as(plan[2].toString()).isEqualTo(0);
        Map<String, Object> json = new ObjectMapper().readValue(plan[1].toString(), Map.class);
        assertThat((List<?>) json.get("steps")).hasSize(2);

        Object[] apply = run(new SchemaCommand(), "apply", "--url", url, "--desired", desired.toString());
        assertThat(apply[0]).as(apply[2].toString()).isEqualTo(0);
        assertThat(apply[1].toString()).contains("Applied 2 step(s)");
        Object[] again = run(new SchemaCommand(), "plan", "--url", url, "--desired", desired.toString(), "--format", "json");
        assertThat(new ObjectMapper().readValue(again[1].toString(), Map.class).get("steps")).isEqualTo(List.of());

        Object[] dump = run(new SchemaCommand(), "dump", "--url", url, "--out", dir.resolve("dump").toString());
        assertThat(dump[0]).as(dump[2].toString()).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("dump").resolve(s + ".t.sql"))).contains("CREATE TABLE " + s + ".t (");

        // a drop without --yes and without a terminal is refused with exit 2, saying why
        Files.writeString(desired, "CREATE SCHEMA " + s + ";\nCREATE TABLE " + s + ".t (id bigint PRIMARY KEY);\n");
        Object[] refused = run(new SchemaCommand(), "apply", "--url", url, "--desired", desired.toString());
        assertThat(refused[0]).isEqualTo(2);
        assertThat(refused[2].toString()).contains("destructive").contains("--yes").contains("drop column " + s + ".t.v");

        // --write-migration: a Flyway-named file that migrate apply runs
        Path loc = dir.resolve("migrations");
        Object[] written = run(new SchemaCommand(), "apply", "--url", url, "--desired", desired.toString(), "--write-migration", loc.toString());
        assertThat(written[0]).as(written[2].toString()).isEqualTo(0);
        try (var files = Files.list(loc)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().matches(n -> n.matches("V\\d+__schema_apply\\.sql"));
        }
        String h = SharedDsqlLocal.uniqueName("cli_schema_hist");
        Object[] migrated = run(new MigrateCommand(), "apply", "--url", url, "--location", loc.toString(), "--history-table", h, "--yes");
        assertThat(migrated[0]).as(migrated[2].toString()).isEqualTo(0);
        assertThat(run(new SchemaCommand(), "plan", "--url", url, "--desired", desired.toString())[1].toString())
                .contains("matches the desired schema");

        Files.writeString(desired, "CREATE SCHEMA " + s + ";\n");
        assertThat(run(new SchemaCommand(), "apply", "--url", url, "--desired", desired.toString(), "--yes")[0]).isEqualTo(0);
        TestDb.exec("DROP SCHEMA " + s);
    }
}
