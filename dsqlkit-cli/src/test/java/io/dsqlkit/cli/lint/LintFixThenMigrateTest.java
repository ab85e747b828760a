package io.dsqlkit.cli.lint;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code lint --fix} writes is a migration {@code migrate} runs, on a table above DSQL's 3,000-row limit. */
class LintFixThenMigrateTest {
    @TempDir
    Path dir;

    @Test
    void theFixedAddColumnMigrationAppliesOnA5000RowTable() throws Exception {
        DsqlLocal local = SharedDsqlLocal.get();
        String t = SharedDsqlLocal.uniqueName("fix_orders");
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, total int)");
            for (int from = 1; from <= 5_000; from += 2_500) {
                s.execute("INSERT INTO " + t + " SELECT i, i % 100 FROM generate_series(" + from + ", " + (from + 2_499) + ") AS g(i)");
            }
        }
        Path loc = Files.createDirectories(dir.resolve("db/migration"));
        Path v2 = Files.writeString(loc.resolve("V2__order_status.sql"), "BEGIN;\n"
                + "ALTER TABLE " + t + " ADD COLUMN status text NOT NULL DEFAULT 'new';\n"
                + "CREATE INDEX " + t + "_status_idx ON " + t + " (status);\n"
                + "COMMIT;\n");

        Cli fix = Cli.run("lint", "--fix", v2.toString());
        assertThat(fix.exit()).as(fix.err() + fix.out()).isZero();
        assertThat(Files.readString(v2)).contains("-- dsqlkit:batch").contains("COMMIT;\nBEGIN;");

        String url = "postgresql://" + local.user() + "@127.0.0.1:" + local.port() + "/postgres";
        String[] common = {"--url", url, "--location", loc.toString(), "--history-table", SharedDsqlLocal.uniqueName("fix_hist")};
        Cli plan = Cli.run(concat("migrate", "plan", common));
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        Cli apply = Cli.run(concat("migrate", "apply", common));
        assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();

        try (Connection c = local.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE status = 'new'), count(*) FROM " + t)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(5_000);
            assertThat(rs.getLong(2)).isEqualTo(5_000);
        }
    }

    private static String[] concat(String a, String b, String... rest) {
        String[] all = new String[rest.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
