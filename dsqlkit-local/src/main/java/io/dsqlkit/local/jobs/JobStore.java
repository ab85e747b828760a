package io.dsqlkit.local.jobs;

import io.dsqlkit.local.behaviour.DsqlBehaviour.BackendConnector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;

/** Writes the life of a job into {@code sys.jobs} (dsql-facts §4), each change committed on its own. */
final class JobStore {
    private final BackendConnector backend;

    JobStore(BackendConnector backend) {
        this.backend = backend;
    }

    Connection connect() throws SQLException {
        return backend.connect();
    }

    /** A new job, {@code submitted}, with update_time NULL as DSQL shows it. */
    void insert(Connection c, String jobId, String jobType, long classId, String objectName, Long objectId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sys.jobs (job_id, status, job_type, class_id, object_name, object_id, start_time) "
                        + "VALUES (?, 'submitted', ?, ?, ?, ?, now())")) {
            ps.setString(1, jobId);
            ps.setString(2, jobType);
            ps.setLong(3, classId);
            ps.setString(4, objectName);
            if (objectId == null) ps.setNull(5, Types.BIGINT);
            else ps.setLong(5, objectId);
            ps.executeUpdate();
        }
    }

    void status(String jobId, JobStatus status, String details) throws SQLException {
        try (Connection c = backend.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sys.jobs SET status = ?, details = coalesce(?, details), update_time = now() WHERE job_id = ?")) {
            ps.setString(1, status.sql());
            if (details == null) ps.setNull(2, Types.VARCHAR);
            else ps.setString(2, details);
            ps.setString(3, jobId);
            ps.executeUpdate();
        }
    }

    void objectId(Connection c, String jobId, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sys.jobs SET object_id = ? WHERE job_id = ?")) {
            ps.setLong(1, oid);
            ps.setString(2, jobId);
            ps.executeUpdate();
        }
    }

    /** DSQL deletes jobs finished for more than 30 minutes whenever a new job runs (§4). */
    int purgeFinishedBefore(Connection c, Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sys.jobs WHERE status IN ('completed', 'failed') "
                        + "AND update_time < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            return ps.executeUpdate();
        }
    }
}
