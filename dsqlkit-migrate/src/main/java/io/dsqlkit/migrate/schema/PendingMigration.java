package io.dsqlkit.migrate.schema;

import java.util.List;
import java.util.Map;

/**
 * A migration with statements left to run.
 *
 * @param doneStatements history state by statement index ("done" or "started") from earlier runs
 */
public record PendingMigration(MigrationFile file, List<MigrationStep> steps, Map<Integer, String> doneStatements,
                               boolean outOfOrder) {
    /** Some statement ran or started in an earlier run (a batched backfill or a DDL may be part-way). */
    public boolean partial() {
        return doneStatements.values().stream().anyMatch(s -> "done".equals(s) || "started".equals(s));
    }

    public int firstToRun() {
        for (MigrationStep s : steps) if (!"done".equals(doneStatements.get(s.index()))) return s.index();
        return steps.size();
    }
}
