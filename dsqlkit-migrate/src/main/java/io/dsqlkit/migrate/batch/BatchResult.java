package io.dsqlkit.migrate.batch;

/** What a batch run did: rows changed in total (including earlier runs of the same job) and in this run. */
public record BatchResult(String jobId, long rowsTotal, long rowsThisRun, long chunksThisRun, boolean resumed,
                          double rowsPerSecond, int smallestChunk) {
    public String summary() {
        return String.format("%s: %d rows changed (%d in this run, %d chunks%s), %.0f rows/s%s", jobId, rowsTotal,
                rowsThisRun, chunksThisRun, resumed ? ", resumed from checkpoint" : "", rowsPerSecond,
                smallestChunk > 0 ? ", chunks halved down to " + smallestChunk + " rows after 54000" : "");
    }
}
