package io.dsqlkit.migrate.declarative;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.schema.LockHeldException;
import io.dsqlkit.migrate.schema.MigrateConfig;
import io.dsqlkit.migrate.schema.MigrationLock;
import io.dsqlkit.migrate.schema.Migrator;
import io.dsqlkit.migrate.support.Sql;
import io.dsqlkit.rules.Profile;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Plans and applies a desired schema through the migration runner ({@link Migrator}): the plan is
 * stored in {@value #PLANS_TABLE} and run as a migration with its own history table
 * ({@value #HISTORY_TABLE}), so progress is recorded per step, async jobs are waited on, backfills
 * and copies are chunked and resumable, and a crashed run is resumed first by the next
 * {@code schema apply} (before anything is planned from a half-changed catalog). A lock row
 * ({@value #LOCK_NAME}) keeps two applies from planning at once.
 */
public final class SchemaApplier {
    public static final String PLANS_TABLE = "dsqlkit_schema_plans";
    public static final String HISTORY_TABLE = "dsqlkit_schema_history";
    public static final String LOCK_NAME = "dsqlkit_schema_apply";
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final DataSource dataSource;
    private final Profile profile;
    private final Consumer<String> log;
    private final OccRetry retry = OccRetry.defaults();
    private final Duration staleAfter = Duration.ofSeconds(60);

    public SchemaApplier(DataSource dataSource, Profile profile, Consumer<String> log) {
        this.dataSource = dataSource;
        this.profile = profile;
        this.log = log;
    }

    /** Reads the live schema (read-only). */
    public SchemaModel live() throws SQLException {
        return retry.run(dataSource, CatalogReader::read).value();
    }

    /** The steps from the live schema to {@code desired}; read-only. */
    public SchemaPlan plan(SchemaModel desired) throws SQLException {
        return SchemaDiffer.plan(live(), desired, profile);
    }

    /** Versions of plans an earlier apply started and did not finish (they are resumed first). */
    public List<String> unfinished() throws SQLException {
        return retry.run(dataSource, c -> {
            List<String> out = new ArrayList<>();
            if (!Sql.relationExists(c, PLANS_TABLE)) return out;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + PLANS_TABLE + " WHERE NOT finished ORDER BY version");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }).value();
    }

    /**
     * Marks interrupted plans as finished without running their remaining steps (after the schema
     * was repaired by hand); the next apply plans from the catalog as it is. Returns their versions.
     */
    public List<String> discardUnfinished() throws SQLException {
        List<String> open = unfinished();
        for (String v : open) markFinished(v);
        return open;
    }

    private void markFinished(String version) throws SQLException {
        retry.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + PLANS_TABLE + " SET finished = true WHERE version = ?")) {
                ps.setString(1, version);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** What apply did: plans resumed from a crashed run, and the plan run now (empty when nothing was needed). */
    public record Result(List<String> resumed, SchemaPlan plan, int statementsRun) {}

    /** Thrown when the plan has destructive steps and {@code confirm} said no. */
    public static final class NotConfirmed extends RuntimeException {
        public final transient SchemaPlan plan;

        NotConfirmed(SchemaPlan plan) {
            super("nothing applied: the plan has " + plan.destructiveSteps().size() + " destructive step(s); review them with "
                    + "'dsqlkit schema plan' and confirm with --yes");
            this.plan = plan;
        }
    }

    /**
     * Resumes unfinished plans, then plans from the live schema and runs that plan.
     *
     * @param confirm asked when the plan has destructive steps; false stops before anything runs
     */
    public Result apply(SchemaModel desired, Predicate<SchemaPlan> confirm) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Sql.createIfMissing(c, PLANS_TABLE, "CREATE TABLE IF NOT EXISTS " + PLANS_TABLE + " (version text PRIMARY KEY,"
                    + " script text NOT NULL, created_at timestamptz NOT NULL, finished boolean NOT NULL)");
        }
        MigrationLock lock;
        try {
            lock = new MigrationLock(dataSource, LOCK_NAME, "schema-apply-" + ProcessHandle.current().pid() + "-"
                    + java.util.UUID.randomUUID().toString().substring(0, 8), staleAfter).acquire();
        } catch (LockHeldException e) {
            throw new SchemaException("another 'schema apply' is running: " + e.getMessage());
        }
        try (lock) {
            List<String> resumed = new ArrayList<>();
            int run = 0;
            for (String version : unfinished()) {
                log.accept("Resuming the interrupted schema apply " + version);
                try {
                    run += runScript(version, script(version));
                } catch (io.dsqlkit.migrate.schema.MigrationException e) {
                    throw new SchemaException("the interrupted schema apply " + version + " cannot be finished: " + e.getMessage()
                            + "\nFix the cause and re-run, or, if you changed the schema by hand meanwhile, drop that plan with "
                            + "'dsqlkit schema apply --discard-interrupted' and apply again (it plans from the catalog as it is then)");
                }
                resumed.add(version);
            }
            SchemaPlan plan = plan(desired);
            if (plan.isEmpty()) return new Result(resumed, plan, run);
            if (!plan.destructiveSteps().isEmpty() && !confirm.test(plan)) throw new NotConfirmed(plan);
            String version = ZonedDateTime.now(ZoneOffset.UTC).format(VERSION);
            String script = plan.toMigrationScript("schema apply " + version + ": " + plan.steps().size() + " step(s)");
            retry.run(dataSource, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PLANS_TABLE
                        + " (version, script, created_at, finished) VALUES (?, ?, now(), false)")) {
                    ps.setString(1, version);
                    ps.setString(2, script);
                    ps.executeUpdate();
                }
                return null;
            });
            run += runScript(version, script);
            return new Result(resumed, plan, run);
        }
    }

    private String script(String version) throws SQLException {
        return retry.run(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT script FROM " + PLANS_TABLE + " WHERE version = ?")) {
                ps.setString(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }).value();
    }

    /** Runs one stored plan as a migration (resuming at its first step not done), then marks it finished. */
    private int runScript(String version, String script) throws SQLException, IOException {
        Path dir = Files.createTempDirectory("dsqlkit-schema-");
        try {
            Files.writeString(dir.resolve(migrationFileName(version)), script);
            MigrateConfig cfg = MigrateConfig.defaults(dir).withHistoryTable(HISTORY_TABLE).withProfile(profile)
                    .withConfirmed(true).withLog(log).withLock(staleAfter, Duration.ofSeconds(30));
            Migrator.ApplyResult r = new Migrator(dataSource, cfg).apply();
            markFinished(version);
            return r.statementsRun();
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The Flyway name of a plan written with --write-migration (or run by apply). */
    public static String migrationFileName(String version) {
        return "V" + version + "__schema_apply.sql";
    }

    /** Writes the plan as a migration that {@code dsqlkit migrate apply} runs; returns its path. */
    public static Path writeMigration(SchemaPlan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        String version = ZonedDateTime.now(ZoneOffset.UTC).format(VERSION);
        Path file = dir.resolve(migrationFileName(version));
        Files.writeString(file, plan.toMigrationScript("schema plan " + version + ": " + plan.steps().size() + " step(s)"),
                java.nio.file.StandardOpenOption.CREATE_NEW);
        return file;
    }
}
