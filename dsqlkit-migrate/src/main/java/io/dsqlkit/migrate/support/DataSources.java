package io.dsqlkit.migrate.support;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/** Small DataSources for the movers: a plain JDBC URL one, and one pinned to a single connection. */
public final class DataSources {
    private DataSources() {}

    /** Opens a new connection per call; fine for CLI runs and tests (the movers pin a connection per worker). */
    public static DataSource url(String url, String user, String password) {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        return new Simple() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url, p);
            }
        };
    }

    /**
     * A DataSource that hands out one connection over and over, opening a new one only when the old
     * one is broken, so OccRetry's per-attempt getConnection/close does not reconnect every chunk.
     */
    public static final class Pinned extends Simple implements AutoCloseable {
        private final DataSource origin;
        private Connection current;

        public Pinned(DataSource origin) {
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

        /** The real connection (for pgjdbc's CopyManager, which needs the PGConnection). */
        public synchronized Connection raw() throws SQLException {
            getConnection();
            return current;
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
    }

    abstract static class Simple implements DataSource {
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
}
