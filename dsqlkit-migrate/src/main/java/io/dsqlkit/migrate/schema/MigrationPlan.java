package io.dsqlkit.migrate.schema;

import java.util.List;

/**
 * What {@code apply} would do: pending migrations with their steps, and the problems that stop the
 * run (lint errors, edited applied migrations, out-of-order versions). {@code lint} holds every
 * finding with its fix, for display.
 */
public record MigrationPlan(List<PendingMigration> pending, List<String> problems, List<String> lint) {
    public boolean runnable() {
        return problems.isEmpty();
    }

    public List<MigrationStep> destructiveSteps() {
        return pending.stream().flatMap(p -> p.steps().stream()
                .filter(s -> s.destructive() && p.stateOf(s.index()) != StatementState.DONE)).toList();
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (pending.isEmpty()) sb.append("Schema is up to date: nothing to apply.\n");
        for (PendingMigration p : pending) {
            sb.append(p.file().label()).append("  (").append(p.file().fileName()).append(")");
            if (p.outOfOrder()) sb.append("  [out of order]");
            if (p.partial()) sb.append("  [partially applied: resumes at statement ").append(p.firstToRun() + 1).append(']');
            sb.append('\n');
            for (MigrationStep s : p.steps()) {
                StatementState state = p.stateOf(s.index());
                sb.append(String.format("  %3d. line %-4d %-48s %s%s%s%n", s.index() + 1, s.line(),
                        s.kind().description(), s.firstLine(),
                        state == StatementState.DONE ? "   (done)" : state == StatementState.STARTED ? "   (interrupted: re-run idempotently)" : "",
                        s.destructive() ? "   [destructive: needs --yes]" : ""));
            }
        }
        if (!lint.isEmpty()) {
            sb.append("\nLint findings:\n");
            for (String l : lint) sb.append(l).append('\n');
        }
        if (!problems.isEmpty()) {
            sb.append("\nProblems that stop the run:\n");
            for (String p : problems) sb.append("  - ").append(p).append('\n');
        }
        return sb.toString();
    }
}
