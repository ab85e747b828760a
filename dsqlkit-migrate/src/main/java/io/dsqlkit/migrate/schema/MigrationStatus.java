package io.dsqlkit.migrate.schema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code status} and {@code validate} report, computed from the files, the history rows and the plan. */
final class MigrationStatus {
    private MigrationStatus() {}

    /** One line per migration file and per history entry without a file. */
    static List<MigrationState> of(List<MigrationFile> files, Map<String, List<HistoryRow>> rows, MigrationPlan plan,
                                   Path location) {
        Map<String, PendingMigration> pendingByKey = new HashMap<>();
        for (PendingMigration p : plan.pending()) pendingByKey.put(p.file().historyKey(), p);
        List<MigrationState> out = new ArrayList<>();
        Set<String> known = new java.util.HashSet<>();
        for (MigrationFile f : files) {
            known.add(f.historyKey());
            PendingMigration p = pendingByKey.get(f.historyKey());
            List<HistoryRow> done = rows.getOrDefault(f.historyKey(), List.of());
            if (p == null) {
                String recorded = done.isEmpty() ? f.checksum() : done.get(done.size() - 1).checksum();
                boolean changed = !recorded.equals(f.checksum());
                out.add(new MigrationState(f.label(), f.fileName(), changed ? MigrationState.State.CHECKSUM_MISMATCH
                        : MigrationState.State.APPLIED, done.isEmpty() ? null : "applied " + done.get(done.size() - 1).appliedAt()));
            } else if (p.partial()) {
                long n = p.steps().stream().filter(s -> p.stateOf(s.index()) == StatementState.DONE).count();
                int next = p.firstToRun();
                String interrupted = "";
                if (next < p.steps().size() && p.stateOf(next) == StatementState.STARTED) {
                    MigrationStep step = p.steps().get(next);
                    interrupted = " (statement " + (next + 1) + ", line " + step.line() + ", was interrupted"
                            + (step.kind() == StepKind.BATCHED_DML ? " part-way: its committed chunks stay and apply continues from its checkpoint)"
                            : ": apply checks whether it committed)");
                }
                out.add(new MigrationState(f.label(), f.fileName(), MigrationState.State.PARTIAL,
                        n + "/" + p.steps().size() + " statements applied; apply resumes at " + (next + 1) + interrupted));
            } else {
                out.add(new MigrationState(f.label(), f.fileName(), p.outOfOrder() ? MigrationState.State.OUT_OF_ORDER
                        : MigrationState.State.PENDING, null));
            }
        }
        for (Map.Entry<String, List<HistoryRow>> e : rows.entrySet()) {
            if (known.contains(e.getKey())) continue;
            HistoryRow r = e.getValue().get(0);
            boolean repeatable = e.getKey().startsWith("R__");
            boolean superseded = repeatable && files.stream().anyMatch(f -> f.repeatable() && f.description().equals(r.description()));
            out.add(new MigrationState((repeatable ? "R " : "V" + e.getKey() + " ") + r.description(), r.script(),
                    superseded ? MigrationState.State.SUPERSEDED : MigrationState.State.MISSING_FILE,
                    superseded ? "an older content of this repeatable migration" : "in the history but no file in " + location));
        }
        return out;
    }

    /** Problems with the applied history versus the files (empty list: valid). */
    static List<String> problems(MigrationPlan plan, List<MigrationState> states, Path location) {
        List<String> problems = new ArrayList<>(plan.problems());
        for (MigrationState s : states) {
            if (s.state() == MigrationState.State.MISSING_FILE) {
                problems.add(s.label() + " is applied but its file " + s.script() + " is missing from " + location);
            }
        }
        return problems;
    }
}
