package io.dsqlkit.samples;

import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Liquibase changelog in the shape of AWS's Aurora DSQL Liquibase sample, applied through Liquibase's own update
 * command over pgjdbc with an SDK token and verified TLS; a second update finds nothing to do.
 */
class LiquibaseSampleTest {

    @Test
    void changelogAppliesOnceAndIsRecorded() throws Exception {
        update();
        update(); // idempotent: every changeset is already in DATABASECHANGELOG
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(4);
            }
            try (ResultSet r = s.executeQuery("SELECT name, sku FROM product")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("widget");
                assertThat(r.getString(2)).isEqualTo("W-1");
                assertThat(r.next()).isFalse();
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'product_name_idx'")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static void update() throws Exception {
        try (Connection c = connect()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "db/changelog.yaml")
                    .execute();
        }
    }

    private static Connection connect() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", SampleCluster.adminToken());
        return DriverManager.getConnection(SampleCluster.jdbcUrl(), p);
    }
}
