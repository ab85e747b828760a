package io.dsqlkit.migrate.schema;

/** One line of {@code migrate status}. */
public record MigrationState(String label, String script, State state, String detail) {
    public enum State { APPLIED, PENDING, PARTIAL, CHECKSUM_MISMATCH, MISSING_FILE, OUT_OF_ORDER, SUPERSEDED }

    public String describe() {
        return String.format("%-18s %-40s %s%s", state, label, script, detail == null ? "" : "  " + detail);
    }
}
