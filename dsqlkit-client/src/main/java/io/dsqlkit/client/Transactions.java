package io.dsqlkit.client;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one way dsqlkit opens and ends a transaction on a connection it holds. The transaction is
 * opened by the work's first statement (pgjdbc with autocommit off; read-only sends
 * {@code BEGIN READ ONLY} in the same round trip), so opening costs no round trip of its own.
 * After the transaction the connection's autocommit (and read-only) setting is what it was.
 * Retrying a whole transaction on DSQL's conflicts is {@link OccRetry}'s job, which runs its
 * attempts through {@link #inTransaction}.
 */
public final class Transactions {
    private Transactions() {}

    /** Runs {@code work} and commits; on a failure rolls back (quietly: the failure is what is reported) and rethrows. */
    public static <T> T inTransaction(Connection c, TransactionWork<T> work) throws SQLException {
        boolean oldAuto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T value = work.run(c);
            c.commit();
            return value;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            restoreAutoCommit(c, oldAuto);
        }
    }

    /** Runs {@code work} in a READ ONLY transaction that is always rolled back (a write fails with 25006). */
    public static <T> T inReadOnly(Connection c, TransactionWork<T> work) throws SQLException {
        boolean oldReadOnly = c.isReadOnly();
        try {
            return rolledBack(c, true, work);
        } finally {
            try {
                if (!c.isClosed() && c.isReadOnly() != oldReadOnly) c.setReadOnly(oldReadOnly);
            } catch (SQLException ignored) {
                // broken connection; nothing to restore
            }
        }
    }

    /** Runs {@code work} in a read-write transaction that is always rolled back (probes, EXPLAIN ANALYZE of a write). */
    public static <T> T inRolledBack(Connection c, TransactionWork<T> work) throws SQLException {
        return rolledBack(c, false, work);
    }

    /**
     * Opens a transaction without ending it, for a caller that ends it itself: the MCP executor
     * sends its ROLLBACK together with a session check in one round trip, then drops or returns the
     * connection.
     */
    public static void begin(Connection c, boolean readOnly) throws SQLException {
        c.setAutoCommit(false);
        if (readOnly) c.setReadOnly(true);
    }

    private static <T> T rolledBack(Connection c, boolean readOnly, TransactionWork<T> work) throws SQLException {
        boolean oldAuto = c.getAutoCommit();
        begin(c, readOnly);
        try {
            T value;
            try {
                value = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
            c.rollback();
            return value;
        } finally {
            restoreAutoCommit(c, oldAuto);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken or already rolled back; the pool discards broken ones
        }
    }

    private static void restoreAutoCommit(Connection c, boolean value) {
        try {
            if (!c.isClosed()) c.setAutoCommit(value);
        } catch (SQLException ignored) {
            // broken connection; nothing to restore
        }
    }
}
