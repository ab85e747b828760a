package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Edits;

import java.util.Locale;

/**
 * Physical-layout actions that are not in DSQL's ALTER TABLE grammar (dsql-facts §1.7 lists what
 * is): SET TABLESPACE, SET LOGGED / UNLOGGED, CLUSTER ON, SET WITHOUT CLUSTER / OIDS, SET ACCESS
 * METHOD. pg_dump emits {@code CLUSTER ON} for clustered tables. None changes query results, so
 * the fix removes the action.
 */
public final class AlterTablePhysicalOption extends AlterTableActionRule {
    // UNVERIFIED (dsql-facts §1.7): not in the documented grammar; text follows "unsupported ALTER TABLE <action> statement".
    public static final String EXAMPLE = UnsupportedActionRule.message("CLUSTER ON");

    public AlterTablePhysicalOption() {
        super("alter-table-physical-option", "0A000",
                "remove it: DSQL manages physical storage itself (no tablespaces, clustering, unlogged tables or access methods)",
                BaseRule.ALL_PROFILES, EXAMPLE, UnsupportedActionRule.message("SET TABLESPACE"));
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.PHYSICAL_OPTION) return;
        int words = s.t.kw(a.from + 1, "WITHOUT", "ACCESS") ? 3 : 2;
        StringBuilder sb = new StringBuilder();
        for (int i = a.from; i < a.from + words && i <= a.to; i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(s.t.at(i).text().toUpperCase(Locale.ROOT));
        }
        TextEdit remove = AlterFixes.removeAction(s, s.actions.indexOf(a));
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), UnsupportedActionRule.message(sb.toString()),
                Fix.of("remove it: it only changes physical storage, which DSQL manages",
                        remove != null ? remove : Edits.deleteStatement(ctx.source(), ctx.statement())));
    }
}
