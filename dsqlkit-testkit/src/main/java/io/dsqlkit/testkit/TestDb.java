package io.dsqlkit.testkit;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.testkit.SharedDsqlLocal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared local DSQL as a DataSource, plus small SQL helpers for assertions. */
public final class TestDb {
    private TestDb() {}

    public static DsqlLocal local() {
        return SharedDsqlLocal.get();
    }

    public static DataSource dataSource() {
        DsqlLocal l = local();
        return url(l.jdbcUrl(), l.user(), l.password());
    }

    /** A DataSource opening a new plain JDBC connection per call (tests, child JVMs, benchmarks). */
    public static DataSource url(String url, String user, String password) {
        java.util.Properties p = new java.util.Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        return new DataSource() {
            public java.sql.Connection getConnection() throws SQLException {
                return java.sql.DriverManager.getConnection(url, p);
            }

            public java.sql.Connection getConnection(String u, String pw) throws SQLException {
                return getConnection();
            }

            public java.io.PrintWriter getLogWriter() {
                return null;
            }

            public void setLogWriter(java.io.PrintWriter out) {}

            public void setLoginTimeout(int seconds) {}

            public int getLoginTimeout() {
                return 0;
            }

            public java.util.logging.Logger getParentLogger() {
                return java.util.logging.Logger.getGlobal();
            }

            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    /** Runs statements one by one in autocommit (one DDL per transaction, as DSQL requires). */
    public static void exec(String... sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    public static long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Inserts ids 1..n into {@code table(id bigint, ...)} via generate_series, in transactions under 3,000 rows. */
    public static void fill(String table, String columns, String selectOfI, long n) throws SQLException {
        for (long from = 1; from <= n; from += 2_500) {
            long to = Math.min(n, from + 2_499);
            exec("INSERT INTO " + table + " (" + columns + ") SELECT " + selectOfI + " FROM generate_series(" + from + ", " + to + ") AS g(i)");
        }
    }

    /** True when the local DSQL gateway is in front (sys.jobs exists): DSQL limits are then enforced. */
    public static boolean gatewayPresent() throws SQLException {
        return count("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'sys'") > 0
                && count("SELECT CASE WHEN to_regclass('sys.jobs') IS NULL THEN 0 ELSE 1 END") > 0;
    }
}
