package io.dsqlkit.client;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The body of one transaction. It runs on a connection with autocommit off; the runner commits.
 * It may run several times (OCC retry), so it must be idempotent with respect to anything outside
 * the database.
 */
@FunctionalInterface
public interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
}
