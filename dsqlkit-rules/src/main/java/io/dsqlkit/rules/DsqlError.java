package io.dsqlkit.rules;

/** An error as DSQL reports it: SQLSTATE, exact message, optional detail. */
public record DsqlError(String sqlstate, String message, String detail) {
    public DsqlError(String sqlstate, String message) {
        this(sqlstate, message, null);
    }

    public DsqlError withDetail(String d) {
        return new DsqlError(sqlstate, message, d);
    }
}
