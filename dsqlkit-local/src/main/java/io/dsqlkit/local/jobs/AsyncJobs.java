package io.dsqlkit.local.jobs;

import io.dsqlkit.client.Transactions;
import io.dsqlkit.local.behaviour.DsqlBehaviour.BackendConnector;
import io.dsqlkit.local.catalog.TableName;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.SqlText;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs DSQL's async DDL in the background (dsql-facts §4). An index is built with PostgreSQL's
 * {@code CREATE INDEX CONCURRENTLY}, which shows exactly what DSQL shows: the index is in the
 * catalog with {@code indisvalid = false} while it builds, writers are not blocked, and a failed
 * UNIQUE build leaves it INVALID. Constraints are validated with {@code ALTER TABLE ... VALIDATE
 * CONSTRAINT}, which leaves them NOT VALID on failure.
 */
public final class AsyncJobs implements AutoCloseable {
    /** DSQL's job types; VALIDATE_CONSTRAINT is our choice (the real one is UNVERIFIED, §4). */
    public static final String INDEX_BUILD = "INDEX_BUILD";
    public static final String VALIDATE_CONSTRAINT = "VALIDATE_CONSTRAINT";
    static final long PG_CLASS = 1259;
    static final long PG_CONSTRAINT = 2606;
    static final String DUPLICATE_KEY_DETAILS = "Found duplicate key while validating index for UCVs";
    static final String SKIPPED_DETAILS = "Skipped job for nonexistent table.";
    /** UNVERIFIED: DSQL's details text for a build cancelled by DROP INDEX is not recorded. */
    static final String CANCELLED_DETAILS = "index build cancelled by DROP INDEX";

    private final BackendConnector backend;
    private final JobStore store;
    private final JobTiming timing;
    private final Duration retention;
    private final Duration registrationWait;
    private final Consumer<PreparedJob> onFinished;
    private final ThreadPoolExecutor workers;
    private final ExecutorService delays;
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();
    /** Index builds in flight by "schema.index", so DROP INDEX can cancel them (§4). */
    private final Map<String, Build> builds = new ConcurrentHashMap<>();

    private record Build(Statement statement, Connection holder, CountDownLatch finished,
                         java.util.concurrent.atomic.AtomicBoolean cancelled) {}
    private volatile boolean closed;

    public AsyncJobs(BackendConnector backend, JobTiming timing, Duration retention, int threads,
                     Consumer<PreparedJob> onFinished) {
        this.backend = backend;
        this.store = new JobStore(backend);
        this.timing = timing;
        this.retention = retention;
        this.registrationWait = Duration.ofSeconds(3);
        this.onFinished = onFinished;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "dsqlkit-async-ddl-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.workers.allowCoreThreadTimeOut(true);
        this.delays = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dsqlkit-async-ddl-delay");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks the statement against the catalog now, as DSQL does before it answers with a job id:
     * the table must exist, the index name must be free (unless IF NOT EXISTS), and the key columns
     * and expressions must resolve. Returns the job to submit at commit.
     */
    public PreparedJob prepare(Connection c, AsyncDdl ddl) throws SQLException, Rejected {
        if (ddl instanceof AsyncDdl.IndexBuild ib) return prepareIndex(c, ib);
        return prepareValidation(c, (AsyncDdl.ConstraintValidation) ddl);
    }

    private PreparedJob prepareIndex(Connection c, AsyncDdl.IndexBuild ib) throws SQLException, Rejected {
        Relation table = Relation.resolve(c, ib.table());
        if (table == null) throw new Rejected(new DsqlError("42P01", "relation \"" + ib.table().display() + "\" does not exist"));
        String probeName = probeIndexDefinition(c, ib, table);
        String name = ib.name() != null ? ib.name() : freeName(c, table.schema(), probeName);
        boolean exists = relationExists(c, table.schema(), name);
        if (exists && !ib.ifNotExists()) throw new Rejected(new DsqlError("42P07", "relation \"" + name + "\" already exists"));
        return new PreparedJob(JobId.random(), ib, table, name, exists, null);
    }

    private PreparedJob prepareValidation(Connection c, AsyncDdl.ConstraintValidation cv) throws SQLException, Rejected {
        Relation table = Relation.resolve(c, cv.table());
        if (table == null) {
            if (cv.ifExists()) return new PreparedJob(JobId.random(), cv, null, cv.constraint(), false, null);
            throw new Rejected(new DsqlError("42P01", "relation \"" + cv.table().display() + "\" does not exist"));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT oid FROM pg_constraint WHERE conrelid = ? AND conname = ?")) {
            ps.setLong(1, table.oid());
            ps.setString(2, cv.constraint());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new Rejected(new DsqlError("42704", "constraint \"" + cv.constraint() + "\" of relation \""
                            + table.name() + "\" does not exist"));
                }
                return new PreparedJob(JobId.random(), cv, table, cv.constraint(), false, rs.getLong(1));
            }
        }
    }

    /**
     * Builds the index on an empty temporary copy of the table inside a transaction that is rolled
     * back: PostgreSQL then reports unknown columns or non-immutable expressions with its own codes,
     * and chooses the name it would choose for an unnamed index. Returns that name.
     */
    private static String probeIndexDefinition(Connection c, AsyncDdl.IndexBuild ib, Relation table)
            throws SQLException, Rejected {
        try {
            return Transactions.inRolledBack(c, tx -> {
                try (Statement s = tx.createStatement()) {
                    TableName copy = new TableName("pg_temp", table.name());
                    s.execute("CREATE TEMP TABLE " + SqlText.quoteIdentifier(table.name()) + " (LIKE " + table.qualified().sql() + ")");
                    s.execute(ib.plainSqlOn(copy));
                    try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                            + "WHERE i.indrelid = " + SqlText.quoteLiteral(copy.sql()) + "::regclass")) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
        } catch (SQLException e) {
            if (e.getSQLState() != null && !e.getSQLState().startsWith("08")) {
                throw new Rejected(new DsqlError(e.getSQLState(), primaryMessage(e)));
            }
            throw e;
        }
    }

    /** PostgreSQL's rule for a taken name: append 1, 2, ... (truncating to 63 bytes). */
    private static String freeName(Connection c, String schema, String base) throws SQLException {
        if (!relationExists(c, schema, base)) return base;
        for (int i = 1; ; i++) {
            String suffix = Integer.toString(i);
            String stem = base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base;
            if (!relationExists(c, schema, stem + suffix)) return stem + suffix;
        }
    }

    static boolean relationExists(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Records the job as {@code submitted} and starts it. For an index build this returns once the
     * index is in the catalog (invalid), so a client that describes the table right after its
     * COMMIT sees it, as on DSQL.
     */
    public void submit(PreparedJob job) {
        if (closed) return;
        try (Connection c = store.connect()) {
            store.purgeFinishedBefore(c, retention);
            if (job.ddl() instanceof AsyncDdl.IndexBuild) {
                store.insert(c, job.id(), INDEX_BUILD, PG_CLASS, job.table().schema() + "." + job.objectName(), null);
            } else {
                String schema = job.table() != null ? job.table().schema() : job.ddl().table().withDefaultSchema("public").schema();
                store.insert(c, job.id(), VALIDATE_CONSTRAINT, PG_CONSTRAINT, schema + "." + job.objectName(), job.objectId());
            }
        } catch (SQLException e) {
            System.err.println("dsqlkit: cannot record async job " + job.id() + ": " + e.getMessage());
            return;
        }
        CountDownLatch started = new CountDownLatch(1);
        workers.execute(() -> run(job, started));
        if (job.ddl() instanceof AsyncDdl.IndexBuild) awaitRegistration(job, started);
    }

    private void run(PreparedJob job, CountDownLatch started) {
        JobProgress progress = new JobProgress(job.id(), store);
        try {
            if (job.table() == null) {
                progress.advance(JobStatus.COMPLETED, SKIPPED_DETAILS);
                return;
            }
            if (job.ddl() instanceof AsyncDdl.IndexBuild ib) buildIndex(job, ib, progress, started);
            else validateConstraint((AsyncDdl.ConstraintValidation) job.ddl(), progress);
            progress.advance(JobStatus.COMPLETED, null);
        } catch (SQLException e) {
            progress.advance(JobStatus.FAILED, details(job, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.advance(JobStatus.FAILED, "job interrupted: local DSQL is shutting down");
        } finally {
            started.countDown();
            try {
                onFinished.accept(job);
            } catch (RuntimeException e) {
                System.err.println("dsqlkit: async job callback failed: " + e);
            }
        }
    }

    /**
     * With a {@link JobTiming} delay, a second connection holds ROW EXCLUSIVE on the table for the
     * delay: CONCURRENTLY registers the invalid index at once, then waits for that lock holder
     * before it builds, so the job is observably submitted, then processing, with indisvalid false.
     */
    private void buildIndex(PreparedJob job, AsyncDdl.IndexBuild ib, JobProgress progress, CountDownLatch started)
            throws SQLException, InterruptedException {
        Connection holder = null;
        java.util.concurrent.Future<?> delay = null;
        try (Connection c = backend.connect(); Statement s = c.createStatement()) {
            if (timing.delays()) {
                holder = backend.connect();
                holder.setAutoCommit(false);
                try (Statement hs = holder.createStatement()) {
                    hs.execute("LOCK TABLE " + job.table().qualified().sql() + " IN ROW EXCLUSIVE MODE");
                }
                Connection h = holder;
                delay = delays.submit(() -> {
                    try {
                        timing.holdSubmitted();
                        progress.advance(JobStatus.PROCESSING, null);
                        timing.holdProcessing();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        closeQuietly(h);
                    }
                });
            } else {
                progress.advance(JobStatus.PROCESSING, null);
            }
            started.countDown();
            running.add(s);
            String key = job.table().schema() + "." + job.objectName();
            Build build = new Build(s, holder, new CountDownLatch(1), new java.util.concurrent.atomic.AtomicBoolean());
            builds.put(key, build);
            try {
                s.execute(ib.concurrentSql(job.objectName()));
            } catch (SQLException e) {
                if (build.cancelled().get()) throw new SQLException(CANCELLED_DETAILS, "57014", e);
                throw e;
            } finally {
                running.remove(s);
                builds.remove(key, build);
                build.finished().countDown();
            }
        } finally {
            // A cancelled or failed build must not leave its delay waiting for a later gate step.
            if (delay != null) delay.cancel(true);
            closeQuietly(holder);
        }
    }

    private void validateConstraint(AsyncDdl.ConstraintValidation cv, JobProgress progress)
            throws SQLException, InterruptedException {
        timing.holdSubmitted();
        progress.advance(JobStatus.PROCESSING, null);
        timing.holdProcessing();
        try (Connection c = backend.connect(); Statement s = c.createStatement()) {
            running.add(s);
            try {
                s.execute(cv.sql());
            } finally {
                running.remove(s);
            }
        }
    }

    private void awaitRegistration(PreparedJob job, CountDownLatch started) {
        long deadline = System.nanoTime() + registrationWait.toNanos();
        try {
            started.await(registrationWait.toMillis(), TimeUnit.MILLISECONDS);
            try (Connection c = backend.connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = ? AND c.relname = ?")) {
                ps.setString(1, job.table().schema());
                ps.setString(2, job.objectName());
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            store.objectId(c, job.id(), rs.getLong(1));
                            return;
                        }
                    }
                    if (jobFinished(c, job.id())) return;
                    Thread.sleep(5);
                }
            }
        } catch (SQLException e) {
            System.err.println("dsqlkit: cannot follow async index job " + job.id() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean jobFinished(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM sys.jobs WHERE job_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || "completed".equals(rs.getString(1)) || "failed".equals(rs.getString(1));
            }
        }
    }

    /**
     * {@code DROP INDEX} cancels an in-progress build (§4): cancels the CONCURRENTLY statement building
     * {@code index} (resolved with the default search path) and waits until it ended, so the DROP that
     * follows does not wait for the build's lock. Returns whether a build was cancelled.
     */
    public boolean buildsInFlight() {
        return !builds.isEmpty();
    }

    public boolean cancelBuild(Connection c, TableName index) throws SQLException {
        String key;
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname || '.' || cl.relname FROM pg_class cl "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE cl.oid = to_regclass(?)")) {
            ps.setString(1, index.sql());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return false;
                key = rs.getString(1);
            }
        }
        Build build = builds.get(key);
        if (build == null) return false;
        build.cancelled().set(true);
        build.statement().cancel();
        closeQuietly(build.holder()); // a test-hook lock holder would make the DROP wait
        try {
            build.finished().await(registrationWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** DSQL's details texts (§4) where known, otherwise PostgreSQL's message. */
    static String details(PreparedJob job, SQLException e) {
        String state = e.getSQLState();
        if (CANCELLED_DETAILS.equals(e.getMessage())) return CANCELLED_DETAILS;
        if ("23505".equals(state) && job.ddl() instanceof AsyncDdl.IndexBuild) return DUPLICATE_KEY_DETAILS;
        if ("42P01".equals(state) && job.table() != null) {
            return "relation \"" + job.table().schema() + "." + job.table().name() + "\" does not exist";
        }
        return primaryMessage(e);
    }

    static String primaryMessage(SQLException e) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("ERROR: ")) m = m.substring(7);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the lock holder's only job is to end; a broken connection ends it too
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        delays.shutdownNow();
        for (Statement s : running) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // the backend is going away anyway
            }
        }
    }

    /** A statement DSQL refuses before it answers with a job id. */
    public static final class Rejected extends Exception {
        private final DsqlError error;

        public Rejected(DsqlError error) {
            super(error.message());
            this.error = error;
        }

        public DsqlError error() {
            return error;
        }
    }
}
