package io.dsqlkit.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A resolved PostgreSQL-protocol endpoint: where to connect, as whom, how to authenticate and how
 * to negotiate TLS. {@link #toString()} never shows the password.
 *
 * @param kind          what the endpoint is (AWS cluster, static URL, embedded local DSQL)
 * @param tls           null for plaintext (only for static URLs and local DSQL without --tls)
 * @param tokenLifetime IAM token lifetime (AWS only)
 */
public record Endpoint(Kind kind, String host, int port, String database, String user, TokenProvider password,
                       Tls tls, Duration tokenLifetime) {
    public enum Kind { AWS, URL, LOCAL }

    /**
     * TLS settings for pgjdbc.
     *
     * @param sslmode        verify-full for AWS (dsql-facts §5)
     * @param sslNegotiation {@code direct} (pgjdbc 42.7.4+, what AWS connectors use) or {@code postgres}
     * @param rootCert       PEM file of the CA to trust, or null for the JVM/system trust store
     */
    public record Tls(String sslmode, String sslNegotiation, String rootCert) {
        public static Tls aws(String rootCert, String negotiation) {
            return new Tls("verify-full", negotiation == null ? "direct" : negotiation, rootCert);
        }
    }

    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        if (database == null || database.isBlank()) database = "postgres";
        if (password == null) password = TokenProvider.staticPassword("");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + user + "@" + host + ":" + port + "/" + database
                + (tls == null ? " (no TLS)" : " (sslmode=" + tls.sslmode() + ")");
    }
}
