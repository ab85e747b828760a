package io.dsqlkit.rules.change;

import io.dsqlkit.rules.Rule;

import java.util.List;

/**
 * Rules about changes and sessions: CREATE INDEX, ALTER TABLE, SET and isolation, SAVEPOINT,
 * locking, advisory locks, and the script-level transaction-shape rules.
 */
public final class ChangeSurfaceRules {
    private ChangeSurfaceRules() {}

    public static List<Rule> rules() {
        return List.of();
    }
}
