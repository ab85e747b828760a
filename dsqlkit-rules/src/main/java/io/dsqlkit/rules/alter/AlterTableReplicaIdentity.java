package io.dsqlkit.rules.alter;

/** REPLICA IDENTITY is refused (dsql-facts §1.1); it only configures logical replication, which DSQL does not have, so removing it is safe. */
public final class AlterTableReplicaIdentity extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("REPLICA IDENTITY");

    public AlterTableReplicaIdentity() {
        super("alter-table-replica-identity", "remove it: DSQL has no logical replication to configure (use DSQL CDC streams)", ActionKind.REPLICA_IDENTITY, 2, null, MESSAGE);
    }
}
