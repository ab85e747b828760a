package io.dsqlkit.local.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;

/**
 * The server TLS context. ALPN {@code postgresql} is offered because PostgreSQL 17 clients using
 * direct TLS ({@code sslnegotiation=direct}, the AWS connectors' default, dsql-facts §5) send it;
 * clients that send no ALPN are accepted too.
 */
public final class TlsSupport {
    private TlsSupport() {}

    public static SslContext serverContext(LocalCertificates certs) {
        try {
            return SslContextBuilder.forServer(certs.serverKey(), certs.serverCertificate(), certs.caCertificate())
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "postgresql"))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }
}
