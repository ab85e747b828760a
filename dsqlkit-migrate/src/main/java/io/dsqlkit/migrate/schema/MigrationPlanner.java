package io.dsqlkit.migrate.schema;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.LintResult;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a migration run as a pure function of the migration files and the history rows: what is
 * pending (with the state of each statement), what is applied, and what stops the run (lint errors,
 * edited applied files, changed statements of a partially applied file, out-of-order versions).
 */
public final class MigrationPlanner {
    private final Profile profile;
    private final boolean allowOutOfOrder;

    public MigrationPlanner(Profile profile, boolean allowOutOfOrder) {
        this.profile = profile;
        this.allowOutOfOrder = allowOutOfOrder;
    }

    /** The plan for these files given these history rows; reads nothing. */
    public MigrationPlan plan(List<MigrationFile> files, Map<String, List<HistoryRow>> rows) {
        List<PendingMigration> pending = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lint = new ArrayList<>();
        MigrationVersion maxApplied = null;
        for (MigrationFile f : files) {
            if (!f.repeatable() && rows.containsKey(f.historyKey()) && (maxApplied == null || f.version().compareTo(maxApplied) > 0)) {
                maxApplied = f.version();
            }
        }
        Linter linter = new Linter(profile);
        for (MigrationFile f : files) {
            List<HistoryRow> done = rows.getOrDefault(f.historyKey(), List.of());
            List<MigrationStep> steps;
            try {
                steps = StepPlanner.steps(f);
            } catch (MigrationException e) {
                problems.add(e.getMessage());
                continue;
            }
            Map<Integer, String> state = new HashMap<>();
            for (HistoryRow r : done) state.put(r.statementIndex(), r.state());
            boolean complete = !steps.isEmpty() && steps.stream().allMatch(s -> StatementState.DONE.dbValue().equals(state.get(s.index())));
            if (complete || (steps.isEmpty() && !done.isEmpty())) {
                String recorded = done.get(done.size() - 1).checksum();
                if (!recorded.equals(f.checksum())) {
                    problems.add(f.label() + " (" + f.fileName() + ") was edited after it was applied (checksum "
                            + recorded + " recorded, " + f.checksum() + " now): revert the edit and put the change in a "
                            + "new migration, or run 'dsqlkit migrate repair' to accept the file as applied");
                }
                continue;
            }
            boolean outOfOrder = !f.repeatable() && done.isEmpty() && maxApplied != null && f.version().compareTo(maxApplied) < 0;
            if (outOfOrder && !allowOutOfOrder) {
                problems.add(f.label() + " is pending but a later version (V" + maxApplied + ") is already applied: "
                        + "renumber it above V" + maxApplied + ", or apply it anyway with --out-of-order");
            }
            LintResult lr = linter.lint(f.content());
            for (Diagnostic d : lr.diagnostics()) {
                String line = LintFindings.format(f, d);
                lint.add(line);
                if (d.severity() == Severity.ERROR) problems.add(f.fileName() + ":" + d.line() + ": " + d.message()
                        + " [" + d.ruleId() + "] (see the lint findings for the fix)");
            }
            pending.add(new PendingMigration(f, steps, state, outOfOrder));
        }
        checkDoneStatementsUnchanged(pending, rows, problems);
        return new MigrationPlan(pending, problems, lint);
    }

    /** Statements already done in a partially applied file must not have changed, or the indexes no longer line up. */
    private static void checkDoneStatementsUnchanged(List<PendingMigration> pending, Map<String, List<HistoryRow>> rows,
                                                     List<String> problems) {
        for (PendingMigration p : pending) {
            if (!p.partial()) continue;
            Map<Integer, String> recorded = new HashMap<>();
            for (HistoryRow r : rows.getOrDefault(p.file().historyKey(), List.of())) recorded.put(r.statementIndex(), r.statementChecksum());
            for (MigrationStep s : p.steps()) {
                String r = recorded.get(s.index());
                if (r != null && p.stateOf(s.index()) == StatementState.DONE && !r.equals(s.checksum())) {
                    problems.add(p.file().label() + ": statement " + (s.index() + 1) + " (line " + s.line() + ") was "
                            + "already applied but its text changed; only statements that have not run yet may be edited "
                            + "in a partially applied migration");
                }
            }
        }
    }
}
