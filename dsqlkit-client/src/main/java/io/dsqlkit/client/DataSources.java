package io.dsqlkit.client;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGProperty;


/**
 * Pooled DataSources for an {@link Endpoint}: pgjdbc + HikariCP, a fresh password/token for every
 * physical connection, TLS as the endpoint says, connection lifetime below DSQL's 60-minute cap.
 */
public final class DataSources {
    private DataSources() {}

    /** HikariCP pings a borrowed connection idle for longer than this (JVM-wide system property, read per pool). */
    static final String ALIVE_BYPASS_PROPERTY = "com.zaxxer.hikari.aliveBypassWindowMs";

    public static HikariDataSource pooled(Endpoint endpoint, PoolSettings pool, String applicationName) {
        TokenDataSource ds = unpooled(endpoint, applicationName);
        if (pool.maxResultBytes() > 0) ds.setProperty(PGProperty.MAX_RESULT_BUFFER, Long.toString(pool.maxResultBytes()));
        // No validity ping when a connection is borrowed (a round trip on every call that follows a pause):
        // background keepalive, maxLifetime and retry-on-broken (OccRetry, SqlExecutor) cover dead connections.
        if (System.getProperty(ALIVE_BYPASS_PROPERTY) == null) System.setProperty(ALIVE_BYPASS_PROPERTY, Long.toString(Long.MAX_VALUE / 4));
        HikariConfig c = new HikariConfig();
        c.setDataSource(ds);
        c.setPoolName("dsqlkit-" + endpoint.kind().name().toLowerCase());
        c.setMaximumPoolSize(pool.maxPoolSize());
        c.setMinimumIdle(0); // lazy: nothing connects until the first call
        c.setMaxLifetime(pool.maxLifetime().toMillis());
        c.setConnectionTimeout(pool.connectionTimeout().toMillis());
        c.setIdleTimeout(Math.min(pool.idleTimeout().toMillis(), Math.max(10_000, pool.maxLifetime().toMillis() - 1_000)));
        if (!pool.keepalive().isZero() && pool.keepalive().compareTo(pool.maxLifetime()) < 0) c.setKeepaliveTime(pool.keepalive().toMillis());
        c.setInitializationFailTimeout(-1); // do not connect at construction (fast start-up)
        return new HikariDataSource(c);
    }

    /** One connection per {@code getConnection()}, each with a fresh token. */
    public static TokenDataSource unpooled(Endpoint endpoint, String applicationName) {
        TokenDataSource ds = new TokenDataSource(endpoint.password());
        ds.setServerNames(new String[] {endpoint.host()});
        ds.setPortNumbers(new int[] {endpoint.port()});
        ds.setDatabaseName(endpoint.database());
        ds.setUser(endpoint.user());
        ds.setApplicationName(applicationName == null ? "dsqlkit" : applicationName);
        // Bind parameters untyped so the server infers types from context, as psql/node-postgres do.
        ds.setProperty(PGProperty.STRING_TYPE, "unspecified");
        ds.setProperty(PGProperty.PREFER_QUERY_MODE, "extended");
        ds.setConnectTimeout(ConnectFailures.CONNECT_TIMEOUT_SECONDS);
        ds.setLoginTimeout(ConnectFailures.LOGIN_TIMEOUT_SECONDS);
        ds.setSocketTimeout(ConnectFailures.SOCKET_TIMEOUT_SECONDS);
        Endpoint.Tls tls = endpoint.tls();
        if (tls == null) {
            ds.setSslMode("disable");
        } else {
            ds.setSslMode(tls.sslmode());
            ds.setProperty(PGProperty.SSL_NEGOTIATION, tls.sslNegotiation());
            if (tls.rootCert() != null) {
                ds.setSslRootCert(tls.rootCert());
            } else {
                // The JVM trust store holds Amazon Root CA 1; pgjdbc's default factory reads ~/.postgresql/root.crt instead.
                ds.setSslfactory("org.postgresql.ssl.DefaultJavaSSLFactory");
            }
        }
        return ds;
    }
}
