package io.dsqlkit.migrate.schema;

import io.dsqlkit.client.OccRetry;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * DSQL-native migrations: plan, apply, status, validate, repair, new. A facade over the parts, split
 * as Flyway splits them: {@link MigrationScanner} (files), {@link SchemaHistory} (all history SQL),
 * {@link MigrationPlanner} (a pure function of files and history), {@link MigrationRunner} (apply),
 * {@link MigrationStatus} (status, validate), {@link HistoryRepair} and {@link MigrationTemplates}.
 * Every statement runs in its own transaction and is recorded per statement; see docs/migrate.md.
 */
public final class Migrator {
    /** Result of {@link #apply()}: migrations completed and statements run in this run. */
    public record ApplyResult(List<String> applied, int statementsRun, int statementsSkipped) {}

    private final DataSource dataSource;
    private final MigrateConfig config;
    private final SchemaHistory history;
    private final MigrationPlanner planner;
    private final OccRetry retry = OccRetry.defaults();

    public Migrator(DataSource dataSource, MigrateConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.history = new SchemaHistory(config.historyTable());
        this.planner = new MigrationPlanner(config.profile(), config.outOfOrder());
    }

    public MigrationPlan plan() throws SQLException, IOException {
        return plan(MigrationScanner.scan(config.location()), rows());
    }

    MigrationPlan plan(List<MigrationFile> files, Map<String, List<HistoryRow>> rows) {
        return planner.plan(files, rows);
    }

    public ApplyResult apply() throws SQLException, IOException {
        return new MigrationRunner(dataSource, config, history, retry).apply(this::plan);
    }

    public List<MigrationState> status() throws SQLException, IOException {
        List<MigrationFile> files = MigrationScanner.scan(config.location());
        Map<String, List<HistoryRow>> rows = rows();
        return MigrationStatus.of(files, rows, plan(files, rows), config.location());
    }

    /** Problems with the applied history versus the files (empty list: valid). */
    public List<String> validate() throws SQLException, IOException {
        List<MigrationFile> files = MigrationScanner.scan(config.location());
        Map<String, List<HistoryRow>> rows = rows();
        MigrationPlan plan = plan(files, rows);
        return MigrationStatus.problems(plan, MigrationStatus.of(files, rows, plan, config.location()), config.location());
    }

    /**
     * Accepts edited applied files (realigns their checksums), optionally forgets a version's rows
     * (for a half-applied migration you will rewrite) and releases the lock.
     */
    public List<String> repair(List<String> forget, boolean releaseLock) throws SQLException, IOException {
        return HistoryRepair.repair(dataSource, history, config.location(), forget, releaseLock);
    }

    /** Creates {@code V<next>__<description>.sql} in the location and returns its path. */
    public static Path newMigration(Path location, String description, String body) throws IOException {
        return MigrationTemplates.newMigration(location, description, body);
    }

    /** The index name of CREATE [UNIQUE] INDEX ASYNC [IF NOT EXISTS] name ON ..., or null. */
    static String indexName(String sql) {
        return MigrationRunner.indexName(sql);
    }

    private Map<String, List<HistoryRow>> rows() throws SQLException {
        return retry.run(dataSource, history::rows).value();
    }
}
