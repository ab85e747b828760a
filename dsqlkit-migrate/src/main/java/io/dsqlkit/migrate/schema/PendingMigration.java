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
    public boolean partial() {
        return doneStatements.values().stream().anyMatch("done"::equals);
    }

    public int firstToRun() {
        for (MigrationStep s : steps) if (!"done".equals(doneStatements.get(s.index()))) return s.index();
        return steps.size();
    }
}
