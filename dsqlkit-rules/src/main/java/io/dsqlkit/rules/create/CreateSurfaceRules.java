package io.dsqlkit.rules.create;

import io.dsqlkit.rules.Rule;

import java.util.List;

/**
 * Rules about what can be created: statements DSQL rejects outright, column types, sequences and
 * identity, CREATE TABLE clauses, static size limits.
 */
public final class CreateSurfaceRules {
    private CreateSurfaceRules() {}

    public static List<Rule> rules() {
        return List.of();
    }
}
