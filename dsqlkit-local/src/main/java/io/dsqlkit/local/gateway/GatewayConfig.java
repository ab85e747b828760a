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
 * @param backendPort the PostgreSQL behind the gateway, on 127.0.0.1
 * @param hostNames   host names clients may use (IAM tokens are signed for one of them)
 * @param tls         null = no TLS (SSLRequest answered 'N')
 * @param occ         how write-write conflicts between gateway sessions are resolved (null = {@link OccModel#POSTGRES})
 */
public record GatewayConfig(int port, int backendPort, AuthMode auth, LocalCredentials credentials, Set<String> hostNames,
                            SslContext tls, Limits limits, Profile profile, DsqlBehaviour behaviour, OccModel occ) {
    /** What {@code SHOW server_version} and ParameterStatus report (dsql-facts §0, [OBS env] 2026-09-15). */
    public static final String SERVER_VERSION = "16.15";
    public static final String SERVER_VERSION_NUM = "160015";
    public static final String DATABASE = "postgres";

    public GatewayConfig {
        if (occ == null) occ = OccModel.POSTGRES;
    }

    /** With PostgreSQL's bounded-wait concurrency model (the default). */
    public GatewayConfig(int port, int backendPort, AuthMode auth, LocalCredentials credentials, Set<String> hostNames,
                         SslContext tls, Limits limits, Profile profile, DsqlBehaviour behaviour) {
        this(port, backendPort, auth, credentials, hostNames, tls, limits, profile, behaviour, OccModel.POSTGRES);
    }
}
