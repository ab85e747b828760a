package io.dsqlkit.local.gateway;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import io.dsqlkit.rules.Profile;
import io.netty.handler.ssl.SslContext;

import java.util.Set;

/**
 * Everything a {@link GatewayServer} needs.
 *
 * @param port        public port (0 = any free port)
 * @param backendSocket the Unix socket of the PostgreSQL behind the gateway (in a private folder: roles log
 *                      in there without a password, so the backend needs no TCP logins but the superuser's)
 * @param hostNames   host names clients may use (IAM tokens are signed for one of them)
 * @param tls         null = no TLS (SSLRequest answered 'N')
 * @param occ         how write-write conflicts between gateway sessions are resolved (null = {@link OccModel#DSQL},
 *                    the default; {@link OccModel#DSQL} needs {@code control})
 */
public record GatewayConfig(int port, java.nio.file.Path backendSocket, AuthMode auth, LocalCredentials credentials, Set<String> hostNames,
                            SslContext tls, Limits limits, Profile profile, DsqlBehaviour behaviour, OccModel occ,
                            BackendControl control) {
    /** How the gateway's own superuser work (the OCC arbiter) reaches the backend. */
    @FunctionalInterface
    public interface BackendControl {
        java.sql.Connection connect() throws java.sql.SQLException;
    }

    /** What {@code SHOW server_version} and ParameterStatus report (dsql-facts §0, [OBS env] 2026-09-15). */
    public static final String SERVER_VERSION = "16.15";
    public static final String SERVER_VERSION_NUM = "160015";
    public static final String DATABASE = "postgres";

    /** A client for backend connections on {@code loop} (a gateway loop: same {@link Transport}) over the Unix socket, without a handler yet. */
    public io.netty.bootstrap.Bootstrap backendBootstrap(io.netty.channel.EventLoop loop) {
        return new io.netty.bootstrap.Bootstrap().group(loop).channel(Transport.current().domainSocketChannel())
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    public java.net.SocketAddress backendAddress() {
        return Transport.current().domainSocketAddress(backendSocket);
    }

    public GatewayConfig {
        if (occ == null) occ = OccModel.DSQL;
        if (occ == OccModel.DSQL && control == null) {
            throw new IllegalArgumentException("the dsql OCC model needs a control connection to the backend; use OccModel.POSTGRES without one");
        }
    }

    /** With PostgreSQL's bounded-wait concurrency model: there is no control connection for the dsql model's arbiter. */
    public GatewayConfig(int port, java.nio.file.Path backendSocket, AuthMode auth, LocalCredentials credentials, Set<String> hostNames,
                         SslContext tls, Limits limits, Profile profile, DsqlBehaviour behaviour) {
        this(port, backendSocket, auth, credentials, hostNames, tls, limits, profile, behaviour, OccModel.POSTGRES, null);
    }
}
