package io.dsqlkit.migrate.schema;

import java.time.OffsetDateTime;

/** One row of the history table: one statement of one migration, started (DDL in flight) or done. */
public record HistoryRow(String version, int statementIndex, String description, String script, String checksum,
                         String state, OffsetDateTime appliedAt, long executionMs) {
    public boolean done() {
        return "done".equals(state);
    }
}
