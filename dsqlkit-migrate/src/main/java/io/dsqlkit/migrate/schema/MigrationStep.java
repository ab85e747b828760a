package io.dsqlkit.migrate.schema;

import io.dsqlkit.migrate.batch.BatchSpec;

/**
 * One statement of a migration and how it runs.
 *
 * @param index       0-based position among the file's executable statements (the history key)
 * @param destructive drops or deletes data; {@code apply} needs explicit confirmation
 * @param batch       for {@link StepKind#BATCHED_DML}, the chunked statement
 * @param assertion   a SELECT preceded by {@code -- dsqlkit:assert}: it must return true, or the migration fails
 */
public record MigrationStep(int index, String sql, StepKind kind, String statementKind, boolean destructive,
                            BatchSpec batch, int line, boolean assertion) {
    public String checksum() {
        return MigrationFile.sha256(MigrationFile.normalise(sql));
    }

    public String firstLine() {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl) + " ...";
        return first.length() > 110 ? first.substring(0, 107) + "..." : first;
    }
}
