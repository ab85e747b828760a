package io.dsqlkit.rules.alter;

/** INHERIT / NO INHERIT are refused; DSQL has no table inheritance (dsql-facts §1.1, §1.6). */
public final class AlterTableInherit extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("INHERIT");

    public AlterTableInherit() {
        super("alter-table-inherit", "DSQL has no table inheritance: declare the columns on the table itself", ActionKind.INHERIT, 1, "DSQL has no table inheritance; copy the parent columns into the table instead", MESSAGE);
    }
}
