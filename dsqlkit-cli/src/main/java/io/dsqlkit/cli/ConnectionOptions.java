package io.dsqlkit.cli;

import io.dsqlkit.client.ConnectionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The connection options every command that connects shares (picocli mixin:
 * {@code @Mixin ConnectionOptions connection;}); {@link #spec()} turns them into the
 * {@link ConnectionSpec} that resolves the endpoint (or says "local DSQL"). The AWS profile option is
 * {@code --aws-profile} because {@code --profile} names the DSQL rules profile.
 */
public final class ConnectionOptions {
    @Option(names = "--url", paramLabel = "URL",
            description = "postgresql://user:password@host:port/database of any PostgreSQL-protocol endpoint with a static password "
                    + "(e.g. a local DSQL started with --auth none). Query parameters sslmode and sslrootcert are honoured.")
    String url;

    @Option(names = "--cluster", paramLabel = "ID", description = "Aurora DSQL cluster identifier (env CLUSTER).")
    String cluster;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region of the cluster, e.g. us-east-1 (env REGION, AWS_REGION).")
    String region;

    @Option(names = "--endpoint", paramLabel = "HOST", description = "Cluster endpoint host name instead of --cluster/--region.")
    String endpoint;

    @Option(names = "--aws-profile", paramLabel = "NAME", description = "AWS credentials profile (env AWS_PROFILE); default credential chain otherwise.")
    String awsProfile;

    @Option(names = "--user", paramLabel = "ROLE", description = "Database role: admin (default; DbConnectAdmin token) or a custom role (DbConnect token).")
    String user;

    @Option(names = "--port", paramLabel = "PORT", description = "Endpoint port (default 5432).")
    Integer port;

    @Option(names = "--local", description = "Use an embedded local DSQL even if CLUSTER/REGION are set.")
    boolean local;

    @Option(names = "--tls-root-cert", paramLabel = "PEM",
            description = "CA certificate to verify the endpoint against (e.g. a local DSQL started with --tls); default: the JVM trust store.")
    Path tlsRootCert;

    @Option(names = "--ssl-negotiation", paramLabel = "MODE", description = "direct (default for AWS, TLS first) or postgres (SSLRequest first).")
    String sslNegotiation;

    @Option(names = "--token-lifetime", paramLabel = "SECONDS", description = "IAM token lifetime in seconds (default 900).")
    Long tokenLifetimeSeconds;

    /**
     * The same options for parsing without picocli ({@code io.dsqlkit.cli.mcp.McpArgs}): option name to what it sets.
     * A setter throws {@link IllegalArgumentException} for a value picocli would refuse (the caller then lets picocli
     * parse and report it). {@code McpArgsTest} checks that these name exactly the {@code @Option}s above.
     */
    public static final Map<String, BiConsumer<ConnectionOptions, String>> VALUED = Map.ofEntries(
            Map.entry("--url", (o, v) -> o.url = v),
            Map.entry("--cluster", (o, v) -> o.cluster = v),
            Map.entry("--region", (o, v) -> o.region = v),
            Map.entry("--endpoint", (o, v) -> o.endpoint = v),
            Map.entry("--aws-profile", (o, v) -> o.awsProfile = v),
            Map.entry("--user", (o, v) -> o.user = v),
            Map.entry("--port", (o, v) -> o.port = Integer.valueOf(v)),
            Map.entry("--tls-root-cert", (o, v) -> o.tlsRootCert = Path.of(v)),
            Map.entry("--ssl-negotiation", (o, v) -> o.sslNegotiation = v),
            Map.entry("--token-lifetime", (o, v) -> o.tokenLifetimeSeconds = Long.valueOf(v)));

    /** The flags among the options, for the same parsing. */
    public static final Map<String, Consumer<ConnectionOptions>> FLAGS = Map.of("--local", o -> o.local = true);

    /** The options as given (a fresh spec each call, resolved against the process environment). */
    public ConnectionSpec spec() {
        return new ConnectionSpec().url(url).cluster(cluster).region(region).endpoint(endpoint).awsProfile(awsProfile)
                .user(user).port(port).local(local).tlsRootCert(tlsRootCert).sslNegotiation(sslNegotiation)
                .tokenLifetime(tokenLifetimeSeconds == null ? null : Duration.ofSeconds(tokenLifetimeSeconds));
    }
}
