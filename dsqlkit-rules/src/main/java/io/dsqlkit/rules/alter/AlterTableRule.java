package io.dsqlkit.rules.alter;

/** ENABLE/DISABLE RULE is refused (dsql-facts §1.1); DSQL has no rewrite rules. */
public final class AlterTableRule extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("ENABLE RULE");

    public AlterTableRule() {
        super("alter-table-rule", "remove it: DSQL has no rewrite rules", ActionKind.RULE, 2, "DSQL has no rewrite rules (the rule cannot exist); remove this statement together with the CREATE RULE it belongs to", MESSAGE);
    }
}
