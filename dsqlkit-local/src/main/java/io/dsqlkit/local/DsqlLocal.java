package io.dsqlkit.local;

import io.dsqlkit.local.pg.PostgresServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A local Aurora DSQL: a real PostgreSQL 16 behind a gateway that behaves like DSQL.
 * <pre>{@code
 * try (DsqlLocal local = DsqlLocal.start()) {
 *     Connection c = DriverManager.getConnection(local.jdbcUrl(), "admin", local.password());
 * }
 * }</pre>
 * TEMPORARY (skeleton): until the gateway lands, {@link #jdbcUrl()} points straight at PostgreSQL.
 */
public final class DsqlLocal implements AutoCloseable {
    private final PostgresServer postgres;

    private DsqlLocal(PostgresServer postgres) {
        this.postgres = postgres;
    }

    /** An ephemeral local DSQL on a free loopback port, authentication off. */
    public static DsqlLocal start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return postgres.port();
    }

    public String user() {
        return PostgresServer.SUPERUSER;
    }

    public String password() {
        return "";
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user());
        p.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** The PostgreSQL behind the gateway (for benchmarks that compare against it, and for internals). */
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        postgres.close();
    }

    public static final class Builder {
        private Path dataDir;
        private int port;

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder ephemeral() {
            this.dataDir = null;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public DsqlLocal start() {
            PostgresServer.Options o = PostgresServer.Options.ephemeral().withDataDir(dataDir);
            return new DsqlLocal(PostgresServer.start(o));
        }
    }
}
