package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/** DSQL cannot change a column's type, not even widening varchar (dsql-facts §1.7). */
public final class AlterTableAlterColumnType extends AlterTableActionRule {
    public static final String MESSAGE = "unsupported ALTER TABLE ALTER COLUMN ... SET DATA TYPE statement";

    public AlterTableAlterColumnType() {
        super("alter-table-alter-column-type", "0A000",
                "recreate the table with the new type and copy the rows (dsqlkit migrate), or add a new column, backfill it and switch readers over",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.ALTER_COLUMN_TYPE) return;
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), MESSAGE, Fix.unfixable(
                "changing a type rewrites every row; it needs a new table (or column), a batched copy of at most 3,000 rows "
                        + "per transaction, and a switch-over, which dsqlkit migrate plans"));
    }
}
