package io.dsqlkit.migrate.batch;

import java.util.List;
import java.util.Objects;

/**
 * An UPDATE ({@code set} non-null) or DELETE ({@code set} null) over {@code table} rows matching
 * {@code where} (null for all rows), run in primary-key chunks of at most {@code chunkSize} rows.
 *
 * @param jobId names the checkpoint; a re-run with the same id resumes (null: derived from the statement)
 * @param parameters values bound, in order, to the JDBC {@code ?} placeholders of {@code where} (never spliced into SQL)
 */
public record BatchSpec(String table, String set, String where, int chunkSize, String jobId, Copy copy, List<String> parameters) {
    /**
     * Copy mode: {@code INSERT INTO target (columns) SELECT selectList FROM table} chunk by chunk of the
     * source's primary key (the table-recreation recipe's batched copy).
     */
    public record Copy(String target, String columns, String selectList) {}

    public BatchSpec(String table, String set, String where, int chunkSize, String jobId) {
        this(table, set, where, chunkSize, jobId, null, List.of());
    }

    public BatchSpec(String table, String set, String where, int chunkSize, String jobId, Copy copy) {
        this(table, set, where, chunkSize, jobId, copy, List.of());
    }

    public static BatchSpec copy(String source, String target, String columns, String selectList, String where) {
        return new BatchSpec(source, null, where, DEFAULT_CHUNK, null, new Copy(target, columns, selectList));
    }

    /** DSQL allows 3,000 mutated rows per transaction (dsql-facts §2); the checkpoint row is one more. */
    public static final int MAX_CHUNK = 2_999;
    public static final int DEFAULT_CHUNK = 1_000;

    public BatchSpec {
        Objects.requireNonNull(table, "table");
        if (chunkSize < 1 || chunkSize > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be 1.." + MAX_CHUNK + " (DSQL's limit is 3,000 rows "
                    + "per transaction, one of them the checkpoint), was " + chunkSize);
        }
        if (set != null && set.isBlank()) throw new IllegalArgumentException("UPDATE needs a SET clause");
        if (where != null && where.isBlank()) where = null;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public static BatchSpec update(String table, String set, String where) {
        return new BatchSpec(table, set, where, DEFAULT_CHUNK, null);
    }

    public static BatchSpec delete(String table, String where) {
        return new BatchSpec(table, null, where, DEFAULT_CHUNK, null);
    }

    public BatchSpec withChunkSize(int n) {
        return new BatchSpec(table, set, where, n, jobId, copy, parameters);
    }

    public BatchSpec withJobId(String id) {
        return new BatchSpec(table, set, where, chunkSize, id, copy, parameters);
    }

    public boolean isDelete() {
        return set == null && copy == null;
    }

    /** The statement as a person would write it (for the checkpoint and messages). */
    public String describe() {
        if (copy != null) {
            return "INSERT INTO " + copy.target() + " (" + copy.columns() + ") SELECT " + copy.selectList() + " FROM " + table
                    + (where == null ? "" : " WHERE " + where);
        }
        return (isDelete() ? "DELETE FROM " + table : "UPDATE " + table + " SET " + set)
                + (where == null ? "" : " WHERE " + where);
    }

    public String effectiveJobId() {
        if (jobId != null) return jobId;
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            String key = parameters.isEmpty() ? describe() : describe() + "\u001f" + String.join("\u001f", parameters);
            byte[] h = md.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "batch-" + java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
