package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/**
 * A primary key can only be declared in CREATE TABLE: {@code ADD PRIMARY KEY} (and, not being in
 * the documented grammar, {@code PRIMARY KEY USING INDEX}) is refused (dsql-facts §1.7).
 */
public final class AlterTableAddPrimaryKey extends AlterTableActionRule {
    public static final String MESSAGE = AddConstraintMessages.UNSUPPORTED;

    public AlterTableAddPrimaryKey() {
        super("alter-table-add-primary-key", "0A000",
                "declare the primary key in CREATE TABLE: create a new table with it, copy the rows in batches, and swap the names",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.ADD_CONSTRAINT || !s.t.kw(a.constraintKeyword, "PRIMARY")) return;
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), MESSAGE, Fix.unfixable(
                "DSQL stores rows by primary key, so adding one means rebuilding the table: CREATE TABLE with the key, "
                        + "copy at most 3,000 rows per transaction, then rename"));
    }
}
