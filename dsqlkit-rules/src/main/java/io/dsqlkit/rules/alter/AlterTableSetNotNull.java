package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Names;
import io.dsqlkit.sql.SqlText;

import java.util.List;

/**
 * {@code ALTER COLUMN ... SET NOT NULL} is still refused while DROP NOT NULL is accepted
 * (dsql-facts §0 2026-07, §1.7). A {@code CHECK (c IS NOT NULL)} added NOT VALID and validated
 * asynchronously rejects the same rows, so the fix swaps the action for that constraint.
 */
public final class AlterTableSetNotNull extends AlterTableActionRule {
    // UNVERIFIED (dsql-facts §1.7, §9): rejection confirmed, text not recorded; follows the SET DATA TYPE / SET STATISTICS texts.
    public static final String MESSAGE = "unsupported ALTER TABLE ALTER COLUMN ... SET NOT NULL statement";

    public AlterTableSetNotNull() {
        super("alter-table-set-not-null", "0A000",
                "add CHECK (col IS NOT NULL) NOT VALID, then ALTER TABLE ASYNC ... VALIDATE CONSTRAINT: it rejects the same rows",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.SET_NOT_NULL) return;
        Fix fix;
        if (!ctx.profile().isAtLeast(Profile.DSQL_2026_09)) {
            fix = Fix.unfixable("ADD CONSTRAINT ... NOT VALID and VALIDATE arrived in 2026-08; under 2025-05 enforce it in the application");
        } else {
            String src = ctx.source();
            String table = s.tableText(src);
            String col = s.t.text(src, a.column, a.column);
            String name = Names.objectName(s.tableName(), List.of(s.t.nameValue(a.column)), "not_null");
            int from = s.t.at(a.from).offset();
            fix = Fix.of("replace SET NOT NULL with a CHECK (" + col + " IS NOT NULL) constraint validated asynchronously",
                    new TextEdit(from, s.t.at(a.to).end() - from,
                            "ADD CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(name) + " CHECK (" + col + " IS NOT NULL) NOT VALID"),
                    Edits.appendStatements(ctx.statement(), List.of(AlterFixes.validate(table, name))));
        }
        ctx.report(this, s.t.at(a.focus), s.t.at(a.to), MESSAGE, fix);
    }
}
