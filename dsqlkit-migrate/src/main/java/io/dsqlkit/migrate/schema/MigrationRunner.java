package io.dsqlkit.migrate.schema;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.progress.ProgressListener;
import io.dsqlkit.migrate.support.PinnedDataSource;
import io.dsqlkit.migrate.support.Sql;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a plan: takes the migration lock, re-plans under it, and runs every pending statement in its
 * own transaction, recording each in {@link SchemaHistory}: DML with its {@code done} row in the same
 * transaction, DDL and batched backfills as {@code started} then {@code done}, async index builds
 * waited on. An interrupted statement is settled idempotently by the next run.
 */
final class MigrationRunner {
    /** The plan, made once the lock is held (so it sees what an earlier run finished). */
    @FunctionalInterface
    interface PlanSource {
        MigrationPlan plan() throws SQLException, IOException;
    }

    /** SQLSTATEs that, for a DDL interrupted after it may have committed, mean "it did commit". */
    private static final Set<String> ALREADY_DONE = Set.of(
            "42P07", // duplicate_table (also indexes, sequences, views)
            "42710", // duplicate_object (constraints, roles)
            "42701", // duplicate_column
            "42P06", // duplicate_schema
            "42723", // duplicate_function
            "42P01", // undefined_table: a DROP/RENAME that already happened
            "42704", // undefined_object
            "42703"  // undefined_column: a DROP COLUMN / RENAME COLUMN that already happened
    );

    private final DataSource dataSource;
    private final MigrateConfig config;
    private final SchemaHistory history;
    private final OccRetry retry;

    MigrationRunner(DataSource dataSource, MigrateConfig config, SchemaHistory history, OccRetry retry) {
        this.dataSource = dataSource;
        this.config = config;
        this.history = history;
        this.retry = retry;
    }

    /** Applies the plan made once the lock is held, statement by statement. */
    Migrator.ApplyResult apply(PlanSource planSource) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            history.ensure(c);
        }
        try (MigrationLock lock = acquireLock()) {
            MigrationPlan plan = planSource.plan();
            if (!plan.runnable()) {
                throw new MigrationException("nothing applied; fix these first:\n  - " + String.join("\n  - ", plan.problems()));
            }
            List<MigrationStep> destructive = plan.destructiveSteps();
            if (!destructive.isEmpty() && !config.confirmed()) {
                StringBuilder sb = new StringBuilder("nothing applied: the plan has destructive statements; review them and "
                        + "re-run with --yes to confirm:");
                for (MigrationStep s : destructive) sb.append("\n  - line ").append(s.line()).append(": ").append(s.firstLine());
                throw new MigrationException(sb.toString());
            }
            List<String> applied = new ArrayList<>();
            int run = 0;
            int skipped = 0;
            try (PinnedDataSource session = new PinnedDataSource(dataSource)) {
                for (PendingMigration p : plan.pending()) {
                    config.log().accept("Applying " + p.file().label() + " (" + p.steps().size() + " statements"
                            + (p.partial() ? ", resuming at " + (p.firstToRun() + 1) : "") + ")");
                    if (p.steps().isEmpty()) {
                        // Nothing to run (only comments): record it, or it stays pending and later blocks as out of order.
                        retry.run(session, c -> {
                            history.recordNoStatements(c, p.file(), lock.owner());
                            return null;
                        });
                    }
                    for (MigrationStep s : p.steps()) {
                        lock.check();
                        StatementState state = p.stateOf(s.index());
                        if (state == StatementState.DONE) {
                            if (s.kind() == StepKind.SESSION) execute(session, s.sql());
                            skipped++;
                            continue;
                        }
                        runStep(session, lock, p.file(), s, state == StatementState.STARTED);
                        run++;
                    }
                    try (Connection c = session.getConnection()) {
                        c.setAutoCommit(true);
                        history.realignChecksum(c, p.file().historyKey(), p.file().checksum(), p.file().fileName());
                    }
                    applied.add(p.file().label());
                }
            }
            return new Migrator.ApplyResult(applied, run, skipped);
        }
    }

    private MigrationLock acquireLock() throws SQLException {
        long deadline = System.nanoTime() + config.lockWait().toNanos();
        while (true) {
            try {
                return new MigrationLock(dataSource, history.table(), config.owner(), config.staleAfter()).acquire();
            } catch (LockHeldException e) {
                if (System.nanoTime() > deadline) throw e;
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private void runStep(DataSource session, MigrationLock lock, MigrationFile f, MigrationStep s, boolean interrupted)
            throws SQLException {
        long t0 = System.nanoTime();
        String where = f.label() + " statement " + (s.index() + 1) + " (line " + s.line() + ")";
        try {
            switch (s.kind()) {
                case DML, SESSION -> retry.run(session, c -> {
                    try (Statement st = c.createStatement()) {
                        boolean rs = st.execute(s.sql());
                        if (s.assertion()) checkAssertion(st, rs, s);
                    }
                    history.record(c, f, s, StatementState.DONE, lock.owner(), ms(t0));
                    return null;
                });
                case BATCHED_DML -> {
                    // "started" first, so a run stopped part-way shows as PARTIAL; the batch resumes from its checkpoint.
                    if (!interrupted) {
                        retry.run(session, c -> {
                            history.record(c, f, s, StatementState.STARTED, lock.owner(), 0);
                            return null;
                        });
                    }
                    BatchRunner runner = new BatchRunner(session, BatchRunner.DEFAULT_CHECKPOINT_TABLE, retry);
                    String job = "migration:" + history.table() + ":" + f.historyKey() + ":" + s.index();
                    BatchResult r = runner.run(s.batch().withJobId(job), ProgressListener.NONE);
                    config.log().accept("  " + r.summary());
                    retry.run(session, c -> {
                        history.record(c, f, s, StatementState.DONE, lock.owner(), ms(t0));
                        return null;
                    });
                }
                case DDL, ASYNC_DDL, UTILITY -> runDdl(session, lock, f, s, interrupted, t0);
            }
        } catch (SQLException e) {
            String hint = Sql.isTransactionLimit(e) ? " (a DSQL transaction limit, dsql-facts §2: for an UPDATE/DELETE put "
                    + "'-- " + StepPlanner.BATCH_DIRECTIVE + "' on the line above it to run it in primary-key chunks)" : "";
            throw new MigrationException(where + " failed: " + Sql.message(e) + " [SQLSTATE " + Sql.state(e) + "]" + hint
                    + ". Statements before it are applied and recorded; fix the statement and re-run apply to resume here.", e);
        } catch (MigrationException e) {
            throw new MigrationException(where + " failed: " + e.getMessage(), e);
        }
        config.log().accept(String.format("  %3d. %s  (%d ms)", s.index() + 1, s.firstLine(), ms(t0)));
    }

    /**
     * DDL cannot share a transaction with the history row's INSERT (dsql-facts §1.2), so: record
     * "started", run the DDL alone, record "done". A crash between the DDL's commit and "done"
     * leaves "started"; on resume the DDL runs again and an error saying the object already exists
     * (or, for DROP/RENAME, no longer exists) proves it committed before the crash.
     */
    private void runDdl(DataSource session, MigrationLock lock, MigrationFile f, MigrationStep s, boolean interrupted,
                        long t0) throws SQLException {
        if (!interrupted) {
            retry.run(session, c -> {
                history.record(c, f, s, StatementState.STARTED, lock.owner(), 0);
                return null;
            });
        }
        String jobId = null;
        boolean alreadyApplied = false;
        try {
            jobId = retry.run(session, c -> s.kind() == StepKind.ASYNC_DDL ? AsyncJobs.submit(c, s.sql()) : executeIn(c, s.sql())).value();
        } catch (SQLException e) {
            if (!interrupted || !ALREADY_DONE.contains(Sql.state(e))) throw e;
            alreadyApplied = true;
            config.log().accept("  " + (s.index() + 1) + ". was interrupted after it committed (" + Sql.message(e) + "): recorded as done");
        }
        try (Connection c = session.getConnection()) {
            c.setAutoCommit(true);
            if (s.kind() == StepKind.ASYNC_DDL && AsyncJobs.sysJobsExists(c)) {
                String index = indexName(s.sql());
                if (jobId == null && alreadyApplied && index != null) {
                    jobId = AsyncJobs.latestFor(c, index).map(AsyncJobs.Job::id).orElse(null);
                }
                if (jobId != null) {
                    AsyncJobs.Job job = AsyncJobs.await(c, jobId);
                    config.log().accept("  " + job.describe());
                }
                if (index != null && AsyncJobs.indexInvalid(c, index)) {
                    throw new MigrationException("index " + index + " is INVALID after its build job"
                            + (jobId == null ? "" : " " + jobId) + ": drop it (DROP INDEX " + index + "), fix the data and re-run");
                }
            }
        }
        retry.run(session, c -> {
            history.record(c, f, s, StatementState.DONE, lock.owner(), ms(t0));
            return null;
        });
    }

    private static void checkAssertion(Statement st, boolean hasResult, MigrationStep s) throws SQLException {
        boolean ok = false;
        if (hasResult) {
            try (var rs = st.getResultSet()) {
                ok = rs.next() && rs.getBoolean(1) && !rs.wasNull();
            }
        }
        if (!ok) {
            throw new MigrationException("assertion at line " + s.line() + " is not true: " + s.firstLine()
                    + " (nothing after it ran; check the data, then re-run apply)");
        }
    }

    private static String executeIn(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return null;
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute(sql);
        }
    }

    /** The index name of CREATE [UNIQUE] INDEX ASYNC [IF NOT EXISTS] name ON ..., or null. */
    static String indexName(String sql) {
        List<Token> t = Lexer.tokenize(sql).stream().filter(x -> !x.isTrivia()).toList();
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isKeyword("ASYNC")) {
                int j = i + 1;
                if (j + 2 < t.size() && t.get(j).isKeyword("IF") && t.get(j + 1).isKeyword("NOT") && t.get(j + 2).isKeyword("EXISTS")) j += 3;
                if (j < t.size() && !t.get(j).isKeyword("ON")) return t.get(j).identifierValue();
                return null;
            }
        }
        return null;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock");
        }
    }
}
