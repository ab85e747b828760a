package io.dsqlkit.migrate.batch;

import java.util.List;

/** A dry run: how many rows match, in how many chunks, walking which key, with which statements. */
public record BatchPlan(String jobId, long rows, int chunkSize, long chunks, List<String> key, String chunkStatement,
                        String resumeFrom) {
    public String describe() {
        return String.format("""
                job %s: %d matching rows in %d chunks of at most %d rows, walking primary key (%s)%s
                each chunk, in its own transaction with OCC retry:
                  %s""", jobId, rows, chunks, chunkSize, String.join(", ", key),
                resumeFrom == null ? "" : ", resuming after key " + resumeFrom, chunkStatement);
    }
}
