package io.dsqlkit.migrate.support;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A DataSource that hands out one connection over and over (close() is ignored), opening a new one
 * only when the old one is broken: OccRetry gets and closes a connection per attempt, and a chunk
 * loop should not reconnect per chunk (on DSQL each connection costs a token and a TLS handshake),
 * while session settings of a migration must survive from statement to statement.
 */
public final class PinnedDataSource implements DataSource, AutoCloseable {
    private final DataSource origin;
    private Connection current;

    public PinnedDataSource(DataSource origin) {
        this.origin = origin;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (current == null || current.isClosed() || !current.isValid(5)) {
            closeQuietly();
            current = origin.getConnection();
        }
        Connection target = current;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("close")) return null;
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void closeQuietly() {
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // already broken
            }
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
