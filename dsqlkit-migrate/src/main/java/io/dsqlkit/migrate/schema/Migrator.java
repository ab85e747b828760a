package io.dsqlkit.migrate.schema;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.progress.ProgressListener;
import io.dsqlkit.migrate.support.PinnedDataSource;
import io.dsqlkit.migrate.support.Sql;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.LintResult;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Severity;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DSQL-native migrations: plan, apply, status, validate, repair, new. Every statement runs in its
 * own transaction and is recorded per statement (see {@link SchemaHistory}); see docs/migrate.md.
 */
public final class Migrator {
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
    private final OccRetry retry = OccRetry.defaults();

    public Migrator(DataSource dataSource, MigrateConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.history = new SchemaHistory(config.historyTable());
    }

    // ---------------------------------------------------------------- plan

    public MigrationPlan plan() throws SQLException, IOException {
        List<MigrationFile> files = MigrationScanner.scan(config.location());
        return plan(files, retry.run(dataSource, history::rows).value());
    }

    MigrationPlan plan(List<MigrationFile> files, Map<String, List<HistoryRow>> rows) {
        List<PendingMigration> pending = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lint = new ArrayList<>();
        MigrationVersion maxApplied = null;
        for (MigrationFile f : files) {
            if (!f.repeatable() && rows.containsKey(f.historyKey()) && (maxApplied == null || f.version().compareTo(maxApplied) > 0)) {
                maxApplied = f.version();
            }
        }
        Linter linter = new Linter(config.profile());
        for (MigrationFile f : files) {
            List<HistoryRow> done = rows.getOrDefault(f.historyKey(), List.of());
            List<MigrationStep> steps;
            try {
                steps = StepPlanner.steps(f);
            } catch (MigrationException e) {
                problems.add(e.getMessage());
                continue;
            }
            Map<Integer, String> state = new HashMap<>();
            for (HistoryRow r : done) state.put(r.statementIndex(), r.state());
            boolean complete = !steps.isEmpty() && steps.stream().allMatch(s -> "done".equals(state.get(s.index())));
            if (complete || (steps.isEmpty() && !done.isEmpty())) {
                String recorded = done.get(done.size() - 1).checksum();
                if (!recorded.equals(f.checksum())) {
                    problems.add(f.label() + " (" + f.fileName() + ") was edited after it was applied (checksum "
                            + recorded + " recorded, " + f.checksum() + " now): revert the edit and put the change in a "
                            + "new migration, or run 'dsqlkit migrate repair' to accept the file as applied");
                }
                continue;
            }
            // Statements already done must not have changed, or the indexes no longer line up.
            Map<Integer, String> recordedStatement = new HashMap<>();
            for (HistoryRow r : done) recordedStatement.put(r.statementIndex(), r.checksum());
            boolean outOfOrder = !f.repeatable() && done.isEmpty() && maxApplied != null && f.version().compareTo(maxApplied) < 0;
            if (outOfOrder && !config.outOfOrder()) {
                problems.add(f.label() + " is pending but a later version (V" + maxApplied + ") is already applied: "
                        + "renumber it above V" + maxApplied + ", or apply it anyway with --out-of-order");
            }
            LintResult lr = linter.lint(f.content());
            for (Diagnostic d : lr.diagnostics()) {
                String line = format(f, d);
                lint.add(line);
                if (d.severity() == Severity.ERROR) problems.add(f.fileName() + ":" + d.line() + ": " + d.message()
                        + " [" + d.ruleId() + "] (see the lint findings for the fix)");
            }
            pending.add(new PendingMigration(f, steps, state, outOfOrder));
        }
        checkDoneStatementsUnchanged(pending, rows, problems);
        return new MigrationPlan(pending, problems, lint);
    }

    private void checkDoneStatementsUnchanged(List<PendingMigration> pending, Map<String, List<HistoryRow>> rows,
                                              List<String> problems) {
        if (pending.isEmpty()) return;
        try {
            retry.run(dataSource, c -> {
                checkDoneStatements(c, pending, problems);
                return null;
            });
        } catch (SQLException e) {
            problems.add("could not read " + history.table() + ": " + Sql.message(e));
        }
    }

    private void checkDoneStatements(Connection c, List<PendingMigration> pending, List<String> problems) throws SQLException {
        {
            if (!history.exists(c)) return;
            for (PendingMigration p : pending) {
                if (!p.partial()) continue;
                Map<Integer, String> recorded = new HashMap<>();
                try (var ps = c.prepareStatement("SELECT statement_index, statement_checksum FROM " + history.table()
                        + " WHERE version = ?")) {
                    ps.setString(1, p.file().historyKey());
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) recorded.put(rs.getInt(1), rs.getString(2));
                    }
                }
                for (MigrationStep s : p.steps()) {
                    String r = recorded.get(s.index());
                    if (r != null && "done".equals(p.doneStatements().get(s.index())) && !r.equals(s.checksum())) {
                        problems.add(p.file().label() + ": statement " + (s.index() + 1) + " (line " + s.line() + ") was "
                                + "already applied but its text changed; only statements that have not run yet may be edited "
                                + "in a partially applied migration");
                    }
                }
            }
        }
    }

    private static String format(MigrationFile f, Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.fileName()).append(':').append(d.line()).append(':').append(d.column()).append(": ")
                .append(d.severity().name().toLowerCase()).append('[').append(d.ruleId()).append("] ").append(d.message());
        if (d.help() != null) sb.append("\n    help: ").append(d.help());
        if (d.fix() != null) {
            if (d.fix().isFixable()) {
                sb.append("\n    fix: ").append(d.fix().description());
                for (var e : d.fix().edits()) {
                    String old = f.content().substring(e.offset(), Math.min(f.content().length(), e.end()));
                    sb.append("\n      replace '").append(old).append("' with '").append(e.replacement()).append('\'');
                }
            } else if (d.fix().unfixableReason() != null) {
                sb.append("\n    no automatic fix: ").append(d.fix().unfixableReason());
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- apply

    /** Result of {@link #apply()}: migrations completed and statements run in this run. */
    public record ApplyResult(List<String> applied, int statementsRun, int statementsSkipped) {}

    public ApplyResult apply() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            history.ensure(c);
        }
        try (MigrationLock lock = acquireLock()) {
            MigrationPlan plan = plan();
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
                        String state = p.doneStatements().get(s.index());
                        if ("done".equals(state)) {
                            if (s.kind() == StepKind.SESSION) execute(session, s.sql());
                            skipped++;
                            continue;
                        }
                        runStep(session, lock, p.file(), s, "started".equals(state));
                        run++;
                    }
                    try (Connection c = session.getConnection()) {
                        c.setAutoCommit(true);
                        history.realignChecksum(c, p.file().historyKey(), p.file().checksum(), p.file().fileName());
                    }
                    applied.add(p.file().label());
                }
            }
            return new ApplyResult(applied, run, skipped);
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
                    history.record(c, f, s, "done", lock.owner(), ms(t0));
                    return null;
                });
                case BATCHED_DML -> {
                    // "started" first, so a run stopped part-way shows as PARTIAL; the batch resumes from its checkpoint.
                    if (!interrupted) {
                        retry.run(session, c -> {
                            history.record(c, f, s, "started", lock.owner(), 0);
                            return null;
                        });
                    }
                    BatchRunner runner = new BatchRunner(session, BatchRunner.DEFAULT_CHECKPOINT_TABLE, retry);
                    String job = "migration:" + history.table() + ":" + f.historyKey() + ":" + s.index();
                    BatchResult r = runner.run(s.batch().withJobId(job), ProgressListener.NONE);
                    config.log().accept("  " + r.summary());
                    retry.run(session, c -> {
                        history.record(c, f, s, "done", lock.owner(), ms(t0));
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
                history.record(c, f, s, "started", lock.owner(), 0);
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
            history.record(c, f, s, "done", lock.owner(), ms(t0));
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

    // ---------------------------------------------------------------- status / validate / repair / new

    public List<MigrationState> status() throws SQLException, IOException {
        List<MigrationFile> files = MigrationScanner.scan(config.location());
        Map<String, List<HistoryRow>> rows = retry.run(dataSource, history::rows).value();
        MigrationPlan plan = plan(files, rows);
        Map<String, PendingMigration> pendingByKey = new HashMap<>();
        for (PendingMigration p : plan.pending()) pendingByKey.put(p.file().historyKey(), p);
        List<MigrationState> out = new ArrayList<>();
        Set<String> known = new java.util.HashSet<>();
        for (MigrationFile f : files) {
            known.add(f.historyKey());
            PendingMigration p = pendingByKey.get(f.historyKey());
            List<HistoryRow> done = rows.getOrDefault(f.historyKey(), List.of());
            if (p == null) {
                String recorded = done.isEmpty() ? f.checksum() : done.get(done.size() - 1).checksum();
                boolean changed = !recorded.equals(f.checksum());
                out.add(new MigrationState(f.label(), f.fileName(), changed ? MigrationState.State.CHECKSUM_MISMATCH
                        : MigrationState.State.APPLIED, done.isEmpty() ? null : "applied " + done.get(done.size() - 1).appliedAt()));
            } else if (p.partial()) {
                long n = p.doneStatements().values().stream().filter("done"::equals).count();
                int next = p.firstToRun();
                String interrupted = "";
                if (next < p.steps().size() && "started".equals(p.doneStatements().get(next))) {
                    MigrationStep step = p.steps().get(next);
                    interrupted = " (statement " + (next + 1) + ", line " + step.line() + ", was interrupted"
                            + (step.kind() == StepKind.BATCHED_DML ? " part-way: its committed chunks stay and apply continues from its checkpoint)"
                            : ": apply checks whether it committed)");
                }
                out.add(new MigrationState(f.label(), f.fileName(), MigrationState.State.PARTIAL,
                        n + "/" + p.steps().size() + " statements applied; apply resumes at " + (next + 1) + interrupted));
            } else {
                out.add(new MigrationState(f.label(), f.fileName(), p.outOfOrder() ? MigrationState.State.OUT_OF_ORDER
                        : MigrationState.State.PENDING, null));
            }
        }
        for (Map.Entry<String, List<HistoryRow>> e : rows.entrySet()) {
            if (known.contains(e.getKey())) continue;
            HistoryRow r = e.getValue().get(0);
            boolean repeatable = e.getKey().startsWith("R__");
            boolean superseded = repeatable && files.stream().anyMatch(f -> f.repeatable() && f.description().equals(r.description()));
            out.add(new MigrationState((repeatable ? "R " : "V" + e.getKey() + " ") + r.description(), r.script(),
                    superseded ? MigrationState.State.SUPERSEDED : MigrationState.State.MISSING_FILE,
                    superseded ? "an older content of this repeatable migration" : "in the history but no file in " + config.location()));
        }
        return out;
    }

    /** Problems with the applied history versus the files (empty list: valid). */
    public List<String> validate() throws SQLException, IOException {
        List<String> problems = new ArrayList<>(plan().problems());
        for (MigrationState s : status()) {
            if (s.state() == MigrationState.State.MISSING_FILE) {
                problems.add(s.label() + " is applied but its file " + s.script() + " is missing from " + config.location());
            }
        }
        return problems;
    }

    /**
     * Accepts edited applied files (realigns their checksums), optionally forgets a version's rows
     * (for a half-applied migration you will rewrite) and releases the lock.
     */
    public List<String> repair(List<String> forget, boolean releaseLock) throws SQLException, IOException {
        List<String> done = new ArrayList<>();
        List<MigrationFile> files = MigrationScanner.scan(config.location());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Map<String, List<HistoryRow>> rows = history.rows(c);
            for (MigrationFile f : files) {
                List<HistoryRow> r = rows.get(f.historyKey());
                if (r == null || f.repeatable()) continue;
                if (!r.get(r.size() - 1).checksum().equals(f.checksum())) {
                    history.realignChecksum(c, f.historyKey(), f.checksum(), f.fileName());
                    done.add("realigned checksum of " + f.label() + " to " + f.checksum());
                }
            }
            for (String v : forget) {
                int n = history.forget(c, v);
                done.add("forgot " + n + " history rows of version " + v);
            }
        }
        if (releaseLock) {
            int n = MigrationLock.release(dataSource, history.table());
            done.add(n > 0 ? "released the migration lock" : "the migration lock was free");
        }
        return done;
    }

    /** Creates {@code V<next>__<description>.sql} in the location and returns its path. */
    public static Path newMigration(Path location, String description, String body) throws IOException {
        Files.createDirectories(location);
        MigrationVersion max = null;
        for (MigrationFile f : MigrationScanner.scan(location)) {
            if (!f.repeatable() && (max == null || f.version().compareTo(max) > 0)) max = f.version();
        }
        String next = max == null ? "1" : max.parts().get(0).add(java.math.BigInteger.ONE).toString();
        String slug = description.trim().toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        if (slug.isEmpty()) throw new IllegalArgumentException("the description must contain letters or digits");
        Path file = location.resolve("V" + next + "__" + slug + ".sql");
        String header = "-- " + description.trim() + "\n-- dsqlkit runs each statement in its own transaction (one DDL per "
                + "transaction on DSQL).\n";
        Files.writeString(file, header + (body == null ? "\n" : body), java.nio.file.StandardOpenOption.CREATE_NEW);
        return file;
    }
}
