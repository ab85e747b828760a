package io.dsqlkit.rules.alter;

/** ATTACH PARTITION is refused; DSQL has no partitioned tables (dsql-facts §0, §1.1). */
public final class AlterTableAttachPartition extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("ATTACH PARTITION");

    public AlterTableAttachPartition() {
        super("alter-table-attach-partition", "DSQL has no partitioning: keep one table; DSQL spreads it by primary key", ActionKind.ATTACH_PARTITION, 2, "DSQL has no partitioned tables; it distributes every table by primary key itself", MESSAGE);
    }
}
