package io.dsqlkit.migrate.load;

/**
 * The outcome of a load, over all runs of the same load id. {@code read = loaded + rejected} and
 * {@code tableRows = baselineRows + loaded} are the two checks that nothing was silently lost.
 */
public record LoadReport(String loadId, long read, long loaded, long loadedThisRun, long rejected, long skippedAlreadyLoaded,
                         long baselineRows, long tableRows, double rowsPerSecond, java.nio.file.Path rejectFile) {
    public boolean accountedFor() {
        return read == loaded + rejected;
    }

    public boolean tableCountMatches() {
        return tableRows == baselineRows + loaded;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("read %d, loaded %d (%d in this run, %d already loaded by an earlier run), rejected %d; %.0f rows/s",
                read, loaded, loadedThisRun, skippedAlreadyLoaded, rejected, rowsPerSecond));
        sb.append(String.format("%ntable count %d = %d before the load + %d loaded: %s", tableRows, baselineRows, loaded,
                tableCountMatches() ? "verified" : "MISMATCH (another writer changed the table, or rows were lost)"));
        if (!accountedFor()) sb.append(String.format("%nWARNING: read %d != loaded %d + rejected %d", read, loaded, rejected));
        if (rejected > 0) sb.append(String.format("%nrejected rows with line numbers and reasons: %s", rejectFile));
        return sb.toString();
    }
}
