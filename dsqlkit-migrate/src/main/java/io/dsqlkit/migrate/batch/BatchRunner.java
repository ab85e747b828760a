package io.dsqlkit.migrate.batch;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.progress.ProgressListener;
import io.dsqlkit.migrate.progress.ProgressMeter;
import io.dsqlkit.migrate.support.PinnedDataSource;
import io.dsqlkit.migrate.support.Sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an UPDATE or DELETE over any number of rows by walking the primary key in chunks, each chunk
 * one transaction that also advances the checkpoint row, so a crash at any point resumes exactly
 * after the last committed chunk and no row is changed twice by the same job.
 * <p>
 * A chunk that hits a transaction limit (54000: 3,000 rows, 10 MiB or 300 s, dsql-facts §2) is
 * rolled back and retried at half the size; OCC conflicts (40001, §3) replay the whole chunk.
 */
public final class BatchRunner {
    public static final String DEFAULT_CHECKPOINT_TABLE = "dsqlkit_batch_checkpoint";
    private static final String SEP = "\u001f";

    private final DataSource dataSource;
    private final String checkpointTable;
    private final OccRetry retry;

    public BatchRunner(DataSource dataSource) {
        this(dataSource, DEFAULT_CHECKPOINT_TABLE, OccRetry.defaults());
    }

    public BatchRunner(DataSource dataSource, String checkpointTable, OccRetry retry) {
        this.dataSource = dataSource;
        this.checkpointTable = checkpointTable;
        this.retry = retry;
    }

    public BatchPlan plan(BatchSpec spec) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return plan(c, spec);
        }
    }

    /**
     * The dry run on a connection the caller manages (e.g. inside {@code BEGIN READ ONLY}): only
     * reads the catalog, the checkpoint (if its table exists) and the matching row count.
     */
    public BatchPlan plan(Connection c, BatchSpec spec) throws SQLException {
        TableKey key = TableKey.of(c, spec.table());
        Checkpoint cp = checkpointExists(c) ? readCheckpoint(c, spec.effectiveJobId()) : null;
        List<String> last = cp == null ? null : cp.lastKey();
        long rows = count(c, spec, key, last);
        long chunks = (rows + spec.chunkSize() - 1) / spec.chunkSize();
        return new BatchPlan(spec.effectiveJobId(), rows, spec.chunkSize(), chunks, key.columns(),
                chunkStatement(spec, key, List.of("<last>"), true),
                last == null ? null : String.join(", ", last));
    }

    public BatchResult run(BatchSpec spec, ProgressListener listener) throws SQLException {
        String jobId = spec.effectiveJobId();
        try (PinnedDataSource pinned = new PinnedDataSource(dataSource)) {
            TableKey key;
            Checkpoint cp;
            try (Connection c = pinned.getConnection()) {
                ensureCheckpointTable(c);
                key = TableKey.of(c, spec.table());
            }
            cp = retry.run(pinned, c -> startOrResume(c, jobId, spec)).value();
            boolean resumed = cp.rowsDone() > 0 || cp.lastKey() != null || cp.finished();
            if (cp.finished()) {
                return new BatchResult(jobId, cp.rowsDone(), 0, 0, true, 0, 0);
            }
            ProgressMeter meter = new ProgressMeter(spec.describe(), -1, cp.rowsDone(), listener);
            meter.total(cp.rowsDone() + remaining(pinned, spec, key, cp.lastKey()));
            int size = spec.chunkSize();
            int smallest = 0;
            long chunks = 0;
            long rowsThisRun = 0;
            List<String> last = cp.lastKey();
            while (true) {
                ChunkOutcome out;
                try {
                    final int n = size;
                    final List<String> from = last;
                    out = retry.run(pinned, c -> chunk(c, jobId, spec, key, from, n)).value();
                } catch (SQLException e) {
                    if (Sql.isTransactionLimit(e) && size > 1) {
                        size = Math.max(1, size / 2);
                        smallest = size;
                        continue;
                    }
                    throw new SQLException("batch " + jobId + " failed after " + rowsThisRun + " rows in this run (the "
                            + "checkpoint keeps them; re-run to resume): " + Sql.message(e), Sql.state(e), e);
                }
                chunks++;
                rowsThisRun += out.rows();
                meter.add(out.rows());
                if (out.lastKey() == null) break;
                last = out.lastKey();
            }
            meter.finish();
            long total;
            try (Connection c = pinned.getConnection()) {
                total = readCheckpoint(c, jobId).rowsDone();
            }
            return new BatchResult(jobId, total, rowsThisRun, chunks, resumed, meter.rate(), smallest);
        }
    }

    /** Removes a finished (or abandoned) job's checkpoint so the same statement can run again. */
    public boolean forget(String jobId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!checkpointExists(c)) return false;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + checkpointTable + " WHERE job_id = ?")) {
                ps.setString(1, jobId);
                return ps.executeUpdate() > 0;
            }
        }
    }

    private record Checkpoint(String statement, List<String> lastKey, long rowsDone, boolean finished) {}

    private record ChunkOutcome(long rows, List<String> lastKey) {}

    private Checkpoint startOrResume(Connection c, String jobId, BatchSpec spec) throws SQLException {
        Checkpoint cp = readCheckpoint(c, jobId);
        if (cp != null) {
            if (!cp.statement().equals(spec.describe())) {
                throw new SQLException("batch job id " + jobId + " already belongs to a different statement ("
                        + cp.statement() + "); use another --job-id", "42710");
            }
            return cp;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + checkpointTable
                + " (job_id, table_name, statement, last_key, rows_done, chunks, finished, updated_at)"
                + " VALUES (?, ?, ?, NULL, 0, 0, false, now())")) {
            ps.setString(1, jobId);
            ps.setString(2, spec.table());
            ps.setString(3, spec.describe());
            ps.executeUpdate();
        }
        return new Checkpoint(spec.describe(), null, 0, false);
    }

    private ChunkOutcome chunk(Connection c, String jobId, BatchSpec spec, TableKey key, List<String> last, int n)
            throws SQLException {
        // The upper bound of this chunk: the n-th matching key after the checkpoint. None means the
        // rest fits in one chunk.
        List<String> upper = null;
        String find = "SELECT " + key.orderBy() + " FROM " + Sql.qualified(spec.table()) + " WHERE "
                + lowerBound(key, last) + predicate(spec) + " ORDER BY " + key.orderBy() + " OFFSET " + (n - 1) + " LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(find)) {
            bind(ps, bind(ps, 1, last), spec.parameters());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    upper = new ArrayList<>();
                    for (int i = 1; i <= key.size(); i++) upper.add(rs.getString(i));
                }
            }
        }
        long rows;
        try (PreparedStatement ps = c.prepareStatement(chunkStatement(spec, key, last, upper != null))) {
            bind(ps, bind(ps, bind(ps, 1, last), upper), spec.parameters());
            rows = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + checkpointTable + " SET last_key = ?, "
                + "rows_done = rows_done + ?, chunks = chunks + 1, finished = ?, updated_at = now() WHERE job_id = ?")) {
            ps.setString(1, upper == null ? (last == null ? null : String.join(SEP, last)) : String.join(SEP, upper));
            ps.setLong(2, rows);
            ps.setBoolean(3, upper == null);
            ps.setString(4, jobId);
            if (ps.executeUpdate() != 1) throw new SQLException("batch checkpoint " + jobId + " disappeared", "55000");
        }
        return new ChunkOutcome(rows, upper);
    }

    private static String chunkStatement(BatchSpec spec, TableKey key, List<String> last, boolean bounded) {
        String range = lowerBound(key, last) + (bounded ? " AND " + key.tuple(null) + " <= " + key.parameters() : "");
        if (spec.copy() != null) {
            return "INSERT INTO " + Sql.qualified(spec.copy().target()) + " (" + spec.copy().columns() + ") SELECT "
                    + spec.copy().selectList() + " FROM " + Sql.qualified(spec.table()) + " WHERE " + range + predicate(spec);
        }
        return (spec.isDelete() ? "DELETE FROM " + Sql.qualified(spec.table())
                : "UPDATE " + Sql.qualified(spec.table()) + " SET " + spec.set())
                + " WHERE " + range + predicate(spec);
    }

    private static String lowerBound(TableKey key, List<String> last) {
        return last == null ? "true" : key.tuple(null) + " > " + key.parameters();
    }

    private static String predicate(BatchSpec spec) {
        return spec.where() == null ? "" : " AND (" + spec.where() + ")";
    }

    private static int bind(PreparedStatement ps, int from, List<String> values) throws SQLException {
        if (values == null) return from;
        for (String v : values) ps.setString(from++, v);
        return from;
    }

    private long remaining(DataSource ds, BatchSpec spec, TableKey key, List<String> last) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return count(c, spec, key, last);
        }
    }

    /** Rows matching the spec after {@code last} (all when null). */
    private static long count(Connection c, BatchSpec spec, TableKey key, List<String> last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Sql.qualified(spec.table())
                + " WHERE " + lowerBound(key, last) + predicate(spec))) {
            bind(ps, bind(ps, 1, last), spec.parameters());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void ensureCheckpointTable(Connection c) throws SQLException {
        // One DDL, in its own (autocommit) transaction: DSQL allows one DDL per transaction (§1.2).
        Sql.createIfMissing(c, checkpointTable, "CREATE TABLE IF NOT EXISTS " + checkpointTable + " (job_id text PRIMARY KEY, table_name text NOT NULL,"
                    + " statement text NOT NULL, last_key text, rows_done bigint NOT NULL, chunks bigint NOT NULL,"
                    + " finished boolean NOT NULL, updated_at timestamptz NOT NULL)");
    }

    private boolean checkpointExists(Connection c) throws SQLException {
        return Sql.relationExists(c, checkpointTable);
    }

    private Checkpoint readCheckpoint(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT statement, last_key, rows_done, finished FROM "
                + checkpointTable + " WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                String k = rs.getString(2);
                return new Checkpoint(rs.getString(1), k == null ? null : List.of(k.split(SEP, -1)), rs.getLong(3),
                        rs.getBoolean(4));
            }
        }
    }
}
