package io.dsqlkit.rules;

/**
 * Run-time errors DSQL raises that are not tied to one statement's text (dsql-facts §1.2, §2, §3,
 * §4, §5). The gateway, the linter's script rules and the clients' retry logic share these texts.
 */
public final class DsqlErrors {
    private DsqlErrors() {}

    // §1.2 transaction shape
    public static final DsqlError MULTIPLE_DDL =
            new DsqlError("0A000", "multiple ddl statements not supported in a transaction");
    public static final DsqlError DDL_AND_DML =
            new DsqlError("0A000", "ddl and dml are not supported in the same transaction");
    public static final DsqlError TRANSACTION_ABORTED = new DsqlError("25P02",
            "current transaction is aborted, commands ignored until end of transaction block");

    // §2 limits
    public static final DsqlError ROW_LIMIT = new DsqlError("54000", "transaction row limit exceeded");
    public static final DsqlError SIZE_LIMIT = new DsqlError("54000", "transaction size limit 10mb exceeded");
    public static final DsqlError AGE_LIMIT = new DsqlError("54000", "transaction age limit of 300s exceeded");
    public static final DsqlError TOO_MANY_INDEXES =
            new DsqlError("54000", "more than 24 indexes per table are not allowed");
    public static final DsqlError TOO_MANY_INDEX_COLUMNS =
            new DsqlError("54011", "more than 8 column keys in an index are not supported");
    public static final DsqlError TOO_MANY_COLUMNS = new DsqlError("54011", "tables can have at most 255 columns");
    public static final DsqlError TOO_MANY_TABLES = new DsqlError("54000", "creating more than 1000 tables not allowed");
    public static final DsqlError TOO_MANY_SCHEMAS = new DsqlError("54000", "more than 10 schemas not allowed");
    public static final DsqlError TOO_MANY_VIEWS = new DsqlError("54000", "creating more than 5000 views not allowed");
    public static final DsqlError TOO_MANY_SEQUENCES =
            new DsqlError("54000", "creating more than 5000 sequences is not allowed");
    public static final DsqlError KEY_TOO_LARGE = new DsqlError("54000", "key size too large");
    public static final DsqlError INVALID_MESSAGE_LENGTH = new DsqlError("08P01", "invalid message length");

    // §3 optimistic concurrency
    public static final DsqlError OC000 = new DsqlError("40001", "change conflicts with another transaction (OC000)");
    public static final DsqlError OC001 = new DsqlError("40001", "schema has been updated by another transaction (OC001)");
    public static final DsqlError SERVER_UNAVAILABLE = new DsqlError("XX000", "server unavailable");

    /** Age limit message detail, e.g. "Current transaction age 301s exceeds 300s". */
    public static DsqlError ageLimit(long ageSeconds, long limitSeconds) {
        return new DsqlError("54000", "transaction age limit of " + limitSeconds + "s exceeded",
                "Current transaction age " + ageSeconds + "s exceeds " + limitSeconds + "s");
    }

    /** Size limit with DSQL's detail, e.g. "Current transaction size 12mb > 10mb". */
    public static DsqlError sizeLimit(long sizeMb, long limitMb) {
        return new DsqlError("54000", "transaction size limit " + limitMb + "mb exceeded",
                "Current transaction size " + sizeMb + "mb > " + limitMb + "mb");
    }

    /** True for DSQL's retryable concurrency failures: SQLSTATE 40001, or OC000/OC001 in the text. */
    public static boolean isOccFailure(String sqlstate, String message) {
        if ("40001".equals(sqlstate) || "OC000".equals(sqlstate) || "OC001".equals(sqlstate)) return true;
        return message != null && (message.contains("OC000") || message.contains("OC001"));
    }
}
