package io.dsqlkit.rules;

public enum Severity {
    /** DSQL rejects the statement (or the transaction) with the diagnostic's SQLSTATE and message. */
    ERROR,
    /** DSQL accepts it, but it is likely a mistake or will fail at run time under load or at scale. */
    WARNING
}
