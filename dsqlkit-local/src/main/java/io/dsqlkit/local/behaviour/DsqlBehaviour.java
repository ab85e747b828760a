package io.dsqlkit.local.behaviour;

import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The DSQL behaviours the gateway delegates: the {@code sys} schema, async DDL jobs, optimistic
 * concurrency, catalog versions. The gateway owns the wire protocol, the session state machine,
 * rejections through the linter, transaction shape and limits; it calls this at the points below.
 * Implementations must be thread-safe (one instance serves all sessions).
 */
public interface DsqlBehaviour extends AutoCloseable {

    /** Once, after PostgreSQL started: install the sys schema and anything else needed (idempotent). */
    void install(BackendConnector backend) throws SQLException;

    /** Settings applied with SET on each new backend session (e.g. lock_timeout for bounded waits). */
    Map<String, String> backendSessionSettings();

    /**
     * Every statement that passed the linter, before it goes to PostgreSQL. Returns what to do with
     * it: pass through, rewrite, answer locally (e.g. CREATE INDEX ASYNC returns a job_id row), or fail.
     */
    Interception intercept(SessionView session, Statement statement);

    /**
     * Whether {@link #intercept} may do anything but pass a plain read: a SELECT without parentheses, locking clause
     * or INTO. When false, the gateway may leave it uncalled for such a statement whose shape it has planned before
     * (a repeated point query). The default, true, has it called for every statement.
     */
    default boolean interceptsPlainReads() {
        return true;
    }

    /** When a transaction starts (explicit BEGIN or an autocommit statement): may fail it with OC001. */
    Optional<DsqlError> onTransactionStart(SessionView session);

    /** Just before the gateway sends COMMIT: may fail it (conflict injection, deferred OC000). */
    Optional<DsqlError> beforeCommit(SessionView session);

    /** After PostgreSQL committed: run deferred work (submit async jobs), bump catalog version after DDL. */
    void afterCommit(SessionView session);

    /** After a rollback (explicit, or because the transaction failed): drop deferred work. */
    void afterRollback(SessionView session);

    /**
     * Maps a PostgreSQL error to what DSQL would say, e.g. 40001 serialization_failure, 55P03
     * lock_not_available and 40P01 deadlock_detected to 40001 {@code ... (OC000)}; empty = unchanged.
     */
    Optional<DsqlError> translateBackendError(SessionView session, String sqlstate, String message);

    /** The session closed; forget its state. */
    void sessionClosed(SessionView session);

    @Override
    default void close() {}

    /** Opens superuser JDBC connections to the PostgreSQL behind the gateway (for jobs and bootstrap). */
    @FunctionalInterface
    interface BackendConnector {
        Connection connect() throws SQLException;
    }
}
