package io.dsqlkit.rules.alter;

/** DETACH PARTITION is refused; DSQL has no partitioned tables (dsql-facts §0, §1.1). */
public final class AlterTableDetachPartition extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("DETACH PARTITION");

    public AlterTableDetachPartition() {
        super("alter-table-detach-partition", "DSQL has no partitioning: delete old rows in batches instead of detaching", ActionKind.DETACH_PARTITION, 2, "DSQL has no partitioned tables; delete rows in batches of at most 3,000 instead of detaching a partition", MESSAGE);
    }
}
