package io.dsqlkit.sql;

/** What a statement does, the way DSQL's transaction-shape rules see it. */
public enum StatementCategory {
    /** CREATE/ALTER/DROP of schema objects, COMMENT, GRANT/REVOKE, SECURITY LABEL ... (DSQL counts GRANT/REVOKE as DDL). */
    DDL,
    /** INSERT, UPDATE, DELETE, MERGE, COPY FROM, TRUNCATE, and SELECT with FOR UPDATE/locking or a data-modifying CTE. */
    DML,
    /** SELECT, VALUES, TABLE, WITH ... SELECT, SHOW, EXPLAIN without ANALYZE of DML. */
    QUERY,
    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE, PREPARE TRANSACTION, ... */
    TRANSACTION_CONTROL,
    /** SET, RESET, SET TRANSACTION, SET SESSION CHARACTERISTICS, DISCARD. */
    SESSION,
    /** CALL, DO, VACUUM, ANALYZE, LISTEN, NOTIFY, LOCK, PREPARE, EXECUTE, DEALLOCATE, COPY TO, CHECKPOINT, ... */
    UTILITY,
    /** Only whitespace and comments (or nothing) before the terminator. */
    EMPTY
}
