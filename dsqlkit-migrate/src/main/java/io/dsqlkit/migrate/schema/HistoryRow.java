package io.dsqlkit.migrate.schema;

import java.time.OffsetDateTime;

/** One row of the history table: one statement of one migration, started (DDL in flight) or done. */
public record HistoryRow(String version, int statementIndex, String description, String script, String checksum,
                         String statementChecksum, String state, OffsetDateTime appliedAt, long executionMs) {
    public boolean done() {
        return statementState() == StatementState.DONE;
    }

    public StatementState statementState() {
        return StatementState.of(state);
    }
}
