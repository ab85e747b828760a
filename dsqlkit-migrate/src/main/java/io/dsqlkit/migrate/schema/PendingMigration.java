package io.dsqlkit.migrate.schema;

import java.util.List;
import java.util.Map;

/**
 * A migration with statements left to run.
 *
 * @param doneStatements history state by statement index ({@link StatementState#dbValue()}: "done" or
 *                       "started") from earlier runs; {@link #stateOf(int)} reads it as the enum
 */
public record PendingMigration(MigrationFile file, List<MigrationStep> steps, Map<Integer, String> doneStatements,
                               boolean outOfOrder) {
    /** Some statement ran or started in an earlier run (a batched backfill or a DDL may be part-way). */
    public boolean partial() {
        return doneStatements.values().stream().anyMatch(s -> StatementState.of(s) != null);
    }

    /** The recorded state of statement {@code index}, or null when it has not run. */
    public StatementState stateOf(int index) {
        return StatementState.of(doneStatements.get(index));
    }

    public int firstToRun() {
        for (MigrationStep s : steps) if (stateOf(s.index()) != StatementState.DONE) return s.index();
        return steps.size();
    }
}
