package io.dsqlkit.migrate.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * DSQL's asynchronous DDL jobs (dsql-facts §4): {@code CREATE INDEX ASYNC} and {@code ALTER TABLE
 * ASYNC} return a {@code job_id}; {@code CALL sys.wait_for_job(id)} blocks and returns a boolean
 * (false for failure or timeout, it does not raise), must run outside a transaction block, and the
 * job's outcome and {@code details} are in {@code sys.jobs}. A failed index stays INVALID.
 */
public final class AsyncJobs {
    private static final Duration MAX_WAIT = Duration.ofHours(6);

    private AsyncJobs() {}

    /** The job's row in sys.jobs. */
    public record Job(String id, String status, String details, String jobType, String objectName) {
        public String describe() {
            return "job " + id + " (" + jobType + " " + objectName + ") " + status
                    + (details == null ? "" : ": " + details);
        }
    }

    public static boolean sysJobsExists(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('sys.jobs') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Runs the async DDL in autocommit and returns its job id (null if it returned none). */
    public static String submit(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean rs = s.execute(sql);
            for (; ; ) {
                if (rs) {
                    try (ResultSet r = s.getResultSet()) {
                        if (r.next()) return r.getString(1);
                    }
                } else if (s.getUpdateCount() == -1) {
                    return null;
                }
                rs = s.getMoreResults();
            }
        }
    }

    /** Waits until the job is no longer submitted/processing; throws a MigrationException naming the job if it failed. */
    public static Job await(Connection c, String jobId) throws SQLException {
        if (!jobId.matches("[a-z0-9]{1,64}")) throw new MigrationException("unexpected job id '" + jobId + "'");
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            try (Statement s = c.createStatement()) {
                // CALL takes no subquery or bind in DSQL (§4); the id is validated above.
                s.execute("CALL sys.wait_for_job('" + jobId + "')");
            }
            Optional<Job> job = find(c, jobId);
            if (job.isEmpty()) return new Job(jobId, "completed", "no longer in sys.jobs", "?", "?");
            String status = job.get().status();
            if ("failed".equalsIgnoreCase(status)) {
                throw new MigrationException("asynchronous DDL failed: " + job.get().describe()
                        + ". The index stays INVALID: fix the data (e.g. remove duplicates), DROP INDEX, then re-run (dsql-facts §4)");
            }
            if ("completed".equalsIgnoreCase(status)) return job.get();
            if (System.nanoTime() > deadline) throw new MigrationException("gave up waiting for " + job.get().describe());
        }
    }

    public static Optional<Job> find(Connection c, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT job_id, status, details, job_type, object_name"
                + " FROM sys.jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** The most recent job for an object (for recovery when the job id was lost in a crash). */
    public static Optional<Job> latestFor(Connection c, String objectName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT job_id, status, details, job_type, object_name FROM sys.jobs"
                + " WHERE object_name = ? OR object_name LIKE ? ORDER BY start_time DESC LIMIT 1")) {
            ps.setString(1, objectName);
            ps.setString(2, "%." + objectName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** Invalid indexes on the catalog with the given name (any schema): an invalid index is a failed migration. */
    public static boolean indexInvalid(Connection c, String indexName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NOT i.indisvalid FROM pg_index i JOIN pg_class x"
                + " ON x.oid = i.indexrelid WHERE x.relname = ?")) {
            ps.setString(1, indexName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
