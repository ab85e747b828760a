package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;

/**
 * Per-column statistics targets are refused (dsql-facts §1.7, [SKILL-NEW]). They only tune the
 * planner's sampling, so removing the action does not change results.
 */
public final class AlterTableSetStatistics extends AlterTableActionRule {
    public static final String MESSAGE = "unsupported ALTER TABLE ALTER COLUMN ... SET STATISTICS statement";

    public AlterTableSetStatistics() {
        super("alter-table-set-statistics", "0A000",
                "remove it: DSQL samples statistics itself (use CREATE STATISTICS for multi-column statistics)",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.SET_STATISTICS) return;
        TextEdit remove = AlterFixes.removeAction(s, s.actions.indexOf(a));
        Fix fix = Fix.of("remove the statistics target (a planner hint only)",
                remove != null ? remove : Edits.deleteStatement(ctx.source(), ctx.statement()));
        ctx.report(this, s.t.at(a.focus), s.t.at(a.to), MESSAGE, fix);
    }
}
