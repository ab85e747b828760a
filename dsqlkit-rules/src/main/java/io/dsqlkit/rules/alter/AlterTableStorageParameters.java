package io.dsqlkit.rules.alter;

/** SET (...)/RESET (...) storage parameters are not in DSQL's ALTER TABLE grammar (dsql-facts §1.7); they only tune storage and vacuum, so removing them is safe. */
public final class AlterTableStorageParameters extends UnsupportedActionRule {
    // UNVERIFIED (dsql-facts §1.1, §9): rejection listed, exact text not recorded.
    public static final String MESSAGE = message("SET");

    public AlterTableStorageParameters() {
        super("alter-table-storage-parameters", "remove it: DSQL manages table storage and vacuuming itself", ActionKind.STORAGE_PARAMETERS, 1, null, MESSAGE);
    }
}
