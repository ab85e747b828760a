package io.dsqlkit.local;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.gateway.BackendBootstrap;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.GatewayServer;
import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.local.gateway.OccModel;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import io.dsqlkit.local.gateway.auth.LocalTokenGenerator;
import io.dsqlkit.local.gateway.tls.LocalCertificates;
import io.dsqlkit.local.gateway.tls.TlsSupport;
import io.dsqlkit.local.pg.PostgresServer;
import io.dsqlkit.rules.Profile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * A local Aurora DSQL: a real PostgreSQL 16 behind a gateway that behaves like DSQL.
 * <pre>{@code
 * try (DsqlLocal local = DsqlLocal.start()) {
 *     Connection c = DriverManager.getConnection(local.jdbcUrl(), "admin", local.password());
 * }
 * }</pre>
 * {@link #jdbcUrl()} points at the gateway; {@link #postgres()} is the PostgreSQL behind it (for
 * benchmarks that compare against it, and for internals). If PostgreSQL dies, it is restarted on
 * the same port and data folder; clients connected at that moment get an error and reconnect.
 */
public final class DsqlLocal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dsqlkit.local");
    public static final String ADMIN = "admin";

    private final Builder settings;
    private final GatewayServer gateway;
    private final LocalCertificates certificates;
    private final DsqlBehaviour behaviour;
    private volatile PostgresServer postgres;
    private volatile boolean closing;

    private DsqlLocal(Builder settings, PostgresServer postgres, GatewayServer gateway, LocalCertificates certificates,
                      DsqlBehaviour behaviour) {
        this.settings = settings;
        this.postgres = postgres;
        this.gateway = gateway;
        this.certificates = certificates;
        this.behaviour = behaviour;
        supervise(postgres);
    }

    /** An ephemeral local DSQL on a free loopback port, authentication off. */
    public static DsqlLocal start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** pgjdbc URL of the gateway (with {@code sslmode=verify-full} and the local CA when TLS is on). */
    public String jdbcUrl() {
        String url = "jdbc:postgresql://" + host() + ":" + port() + "/" + GatewayConfig.DATABASE;
        if (certificates != null) url += "?sslmode=verify-full&sslrootcert=" + certificates.caPemFile();
        return url;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The gateway's port. */
    public int port() {
        return gateway.port();
    }

    public String user() {
        return ADMIN;
    }

    /** For {@code --auth iam}: a fresh admin token for {@link #host()} (15 minutes); otherwise empty. */
    public String password() {
        return token(host(), ADMIN);
    }

    /** A DSQL auth token for {@code role} and {@code hostName}, signed with the local credentials ("" without IAM auth). */
    public String token(String hostName, String role) {
        if (settings.auth != AuthMode.IAM) return "";
        return new LocalTokenGenerator(settings.credentials, Clock.systemUTC()).token(hostName, role, Duration.ofMinutes(15));
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

    /** The gateway's settings (for benchmarks that start a second gateway on the same PostgreSQL). */
    public GatewayConfig gatewayConfig() {
        return gateway.config();
    }

    public LocalCredentials credentials() {
        return settings.credentials;
    }

    public AuthMode auth() {
        return settings.auth;
    }

    public Profile profile() {
        return settings.profile;
    }

    /** The CA certificate clients pass as {@code sslrootcert}, or null without TLS. */
    public Path caCertificate() {
        return certificates == null ? null : certificates.caPemFile();
    }

    public DsqlBehaviour behaviour() {
        return behaviour;
    }

    @Override
    public void close() {
        closing = true;
        try {
            gateway.close();
        } finally {
            try {
                behaviour.close();
            } finally {
                postgres.close();
            }
        }
    }

    private void supervise(PostgresServer pg) {
        pg.onExit().thenRun(() -> {
            if (closing) return;
            LOG.log(System.Logger.Level.WARNING, "PostgreSQL behind the local DSQL exited; restarting it");
            Thread t = new Thread(() -> restart(pg), "dsqlkit-postgres-restart");
            t.setDaemon(true);
            t.start();
        });
    }

    private void restart(PostgresServer dead) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 60 && !closing; attempt++) {
            try {
                PostgresServer fresh = dead.restart();
                postgres = fresh;
                LOG.log(System.Logger.Level.INFO, "PostgreSQL restarted on port " + fresh.port());
                supervise(fresh);
                return;
            } catch (RuntimeException e) {
                last = e;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (last != null) LOG.log(System.Logger.Level.ERROR, "could not restart PostgreSQL", last);
    }

    /** The default DSQL behaviours: sys schema, async index jobs, OCC, catalog versions. */
    static DsqlBehaviour defaultBehaviour(Profile profile) {
        return new StandardDsqlBehaviour();
    }

    public static final class Builder {
        private Path dataDir;
        private int port;
        private Profile profile = Profile.CURRENT;
        private boolean tls;
        private AuthMode auth = AuthMode.NONE;
        private Limits limits = Limits.DSQL;
        private OccModel occ = OccModel.DSQL;
        private DsqlBehaviour behaviour;
        private LocalCredentials credentials = LocalCredentials.DEFAULT;
        private final Set<String> hostNames = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));

        /** Persist data in {@code dir} (created and initialised on first use). */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** A throw-away data folder deleted on close (the default). */
        public Builder ephemeral() {
            this.dataDir = null;
            return this;
        }

        /** The gateway's port (0 = any free port, the default). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder profile(Profile p) {
            this.profile = p;
            return this;
        }

        /** Serve TLS with a generated certificate (SSLRequest and direct TLS). */
        public Builder tls(boolean on) {
            this.tls = on;
            return this;
        }

        public Builder auth(AuthMode a) {
            this.auth = a;
            return this;
        }

        /**
         * How write-write conflicts between sessions are resolved: {@link OccModel#DSQL} (the default: no
         * writer waits, the loser fails OC000 at its next statement or COMMIT) or {@link OccModel#POSTGRES}
         * (PostgreSQL's row locks: the second writer waits up to the lock timeout and fails at its statement).
         */
        public Builder occ(OccModel m) {
            this.occ = m;
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = l;
            return this;
        }

        public Builder behaviour(DsqlBehaviour b) {
            this.behaviour = b;
            return this;
        }

        public Builder credentials(LocalCredentials c) {
            this.credentials = c;
            return this;
        }

        /** Extra host names clients may use (in the certificate, and accepted in IAM tokens). */
        public Builder hostName(String h) {
            this.hostNames.add(h);
            return this;
        }

        public DsqlLocal start() {
            DsqlBehaviour b = behaviour != null ? behaviour : defaultBehaviour(profile);
            PostgresServer pg = PostgresServer.start(PostgresServer.Options.ephemeral().withDataDir(dataDir)
                    .withSettings(BackendBootstrap.SERVER_SETTINGS));
            try {
                try (Connection c = pg.connect()) {
                    BackendBootstrap.install(c);
                }
                b.install(pg::connect);
                LocalCertificates certs = null;
                if (tls) {
                    Path ca = pg.dataDir().resolve("dsqlkit-local-ca.pem");
                    certs = LocalCertificates.generate(hostNames, ca);
                }
                GatewayConfig config = new GatewayConfig(port, pg.socket(), auth, credentials, Set.copyOf(hostNames),
                        certs == null ? null : TlsSupport.serverContext(certs), limits, profile, b, occ, pg::connect);
                GatewayServer gw = GatewayServer.start(config);
                return new DsqlLocal(this, pg, gw, certs, b);
            } catch (SQLException e) {
                pg.close();
                throw new IllegalStateException("cannot prepare the local PostgreSQL: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
        }
    }
}
