package io.dsqlkit.migrate.schema;

/**
 * The state of one statement in the history table: {@code started} (written before a DDL or a
 * batched backfill runs, so a crash leaves a trace) or {@code done}. No row: not run yet.
 */
public enum StatementState {
    STARTED("started"),
    DONE("done");

    private final String dbValue;

    StatementState(String dbValue) {
        this.dbValue = dbValue;
    }

    /** The value stored in the history table's {@code state} column. */
    public String dbValue() {
        return dbValue;
    }

    /** The state stored as {@code value}, or null for no row / an unknown value. */
    public static StatementState of(String value) {
        for (StatementState s : values()) if (s.dbValue.equals(value)) return s;
        return null;
    }
}
