package io.dsqlkit.local.jobs;

import java.sql.SQLException;

/** One job's status, moved only forward (a delayed "processing" never overwrites "failed"). */
final class JobProgress {
    private final String id;
    private final JobStore store;
    private JobStatus status = JobStatus.SUBMITTED;

    JobProgress(String id, JobStore store) {
        this.id = id;
        this.store = store;
    }

    synchronized void advance(JobStatus next, String details) {
        if (next.ordinal() <= status.ordinal() || status.finished()) return;
        status = next;
        try {
            store.status(id, next, details);
        } catch (SQLException e) {
            System.err.println("dsqlkit: cannot update async job " + id + ": " + e.getMessage());
        }
    }
}
