package io.dsqlkit.migrate.load;

import java.nio.file.Path;
import java.util.List;

/**
 * A bulk load.
 *
 * @param columns     target columns in input order; null: the CSV/TSV header, or (JSON lines, or
 *                    CSV/TSV without a header) all table columns in order
 * @param chunkRows   rows per transaction (DSQL allows 3,000 including the manifest row; dsql-facts §2)
 * @param chunkBytes  encoded bytes per transaction (DSQL allows 10 MiB of stored data, which is
 *                    more than the input text; the default leaves wide margin)
 * @param loadId      names the manifest entries; a re-run with the same id resumes (null: derived
 *                    from table, file path, size and modification time)
 * @param maxRejects  rejected rows tolerated: the load stops when more are rejected
 *                    ({@link #UNLIMITED_REJECTS}: never stops for rejects)
 */
public record LoadSpec(Path file, String table, LoadFormat format, boolean header, List<String> columns, int chunkRows,
                       long chunkBytes, int parallelism, Path rejectFile, String loadId, long maxRejects) {
    public static final long UNLIMITED_REJECTS = -1;
    public static final int MAX_ROWS = 2_999;
    public static final int DEFAULT_ROWS = 2_000;
    public static final long MAX_BYTES = 8L << 20;
    public static final long DEFAULT_BYTES = 4L << 20;

    public LoadSpec {
        if (chunkRows < 1 || chunkRows > MAX_ROWS) {
            throw new IllegalArgumentException("chunk rows must be 1.." + MAX_ROWS + " (DSQL: 3,000 rows per transaction, one "
                    + "of them the manifest row), was " + chunkRows);
        }
        if (chunkBytes < 1024 || chunkBytes > MAX_BYTES) {
            throw new IllegalArgumentException("chunk bytes must be 1 KiB..8 MiB (DSQL: 10 MiB per transaction), was " + chunkBytes);
        }
        if (parallelism < 1 || parallelism > 64) throw new IllegalArgumentException("parallelism must be 1..64, was " + parallelism);
        if (maxRejects < UNLIMITED_REJECTS) throw new IllegalArgumentException("--max-rejects must be 0 or more, was " + maxRejects);
    }

    public LoadSpec(Path file, String table, LoadFormat format, boolean header, List<String> columns, int chunkRows,
                    long chunkBytes, int parallelism, Path rejectFile, String loadId) {
        this(file, table, format, header, columns, chunkRows, chunkBytes, parallelism, rejectFile, loadId, UNLIMITED_REJECTS);
    }

    public boolean rejectsLimited() {
        return maxRejects != UNLIMITED_REJECTS;
    }

    public static LoadSpec of(Path file, String table) {
        return of(file, table, LoadFormat.fromFileName(file));
    }

    public static LoadSpec of(Path file, String table, LoadFormat format) {
        return new LoadSpec(file, table, format, true, null, DEFAULT_ROWS, DEFAULT_BYTES, 4,
                file.resolveSibling(file.getFileName() + ".rejects.csv"), null);
    }

    public LoadSpec withHeader(boolean h) {
        return new LoadSpec(file, table, format, h, columns, chunkRows, chunkBytes, parallelism, rejectFile, loadId, maxRejects);
    }

    public LoadSpec withColumns(List<String> c) {
        return new LoadSpec(file, table, format, header, c, chunkRows, chunkBytes, parallelism, rejectFile, loadId, maxRejects);
    }

    public LoadSpec withChunk(int rows, long bytes) {
        return new LoadSpec(file, table, format, header, columns, rows, bytes, parallelism, rejectFile, loadId, maxRejects);
    }

    public LoadSpec withParallelism(int n) {
        return new LoadSpec(file, table, format, header, columns, chunkRows, chunkBytes, n, rejectFile, loadId, maxRejects);
    }

    public LoadSpec withRejectFile(Path p) {
        return new LoadSpec(file, table, format, header, columns, chunkRows, chunkBytes, parallelism, p, loadId, maxRejects);
    }

    public LoadSpec withLoadId(String id) {
        return new LoadSpec(file, table, format, header, columns, chunkRows, chunkBytes, parallelism, rejectFile, id, maxRejects);
    }

    public LoadSpec withMaxRejects(long n) {
        return new LoadSpec(file, table, format, header, columns, chunkRows, chunkBytes, parallelism, rejectFile, loadId, n);
    }
}
