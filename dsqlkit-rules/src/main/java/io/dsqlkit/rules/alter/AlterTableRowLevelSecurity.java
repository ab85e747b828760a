package io.dsqlkit.rules.alter;

/** ENABLE/DISABLE/FORCE ROW LEVEL SECURITY is refused; DSQL has no policies (dsql-facts §1.1). */
public final class AlterTableRowLevelSecurity extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("ENABLE ROW LEVEL SECURITY");

    public AlterTableRowLevelSecurity() {
        super("alter-table-row-level-security", "DSQL has no row-level security: remove it and restrict access with GRANTs, views or the application", ActionKind.ROW_LEVEL_SECURITY, 4, "DSQL has no row-level security policies (CREATE POLICY is refused too); enforce row access with views, GRANTs on schemas, or in the application", MESSAGE);
    }
}
