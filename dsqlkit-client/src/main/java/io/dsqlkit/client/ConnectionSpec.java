package io.dsqlkit.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to connect, as plain values (the CLI's {@code --url}, {@code --cluster}, ... options
 * fill one in: {@code io.dsqlkit.cli.ConnectionOptions}). Three ways to say where to connect:
 * <ul>
 *   <li>a URL {@code postgresql://user:pw@host:port/db}: any PostgreSQL-protocol endpoint with a static password;</li>
 *   <li>AWS: a cluster id (or env CLUSTER) + region (or env REGION / AWS_REGION), endpoint {@code <cluster>.dsql.<region>.on.aws},
 *       or an endpoint host; IAM tokens from an AWS profile (or env AWS_PROFILE) or the default credential chain;</li>
 *   <li>nothing (or {@link #local(boolean) local}): {@link #resolve()} returns empty and the caller starts the embedded local DSQL.</li>
 * </ul>
 * Bad combinations fail fast with a {@link ConnectionSpecException} whose message names the CLI option
 * (or environment variable) the value came from.
 */
public final class ConnectionSpec {
    private static final Pattern CLUSTER_ID = Pattern.compile("[a-z0-9]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private String url;
    private String cluster;
    private String region;
    private String endpoint;
    private String awsProfile;
    private String user;
    private Integer port;
    private boolean local;
    private Path tlsRootCert;
    private String sslNegotiation;
    private Duration tokenLifetime;

    private Map<String, String> env = System.getenv();

    public ConnectionSpec() {}

    /** For tests: resolve against this environment instead of the process's. */
    public ConnectionSpec withEnvironment(Map<String, String> environment) {
        this.env = new HashMap<>(environment);
        return this;
    }

    /** The setters take null for "not given". */
    public ConnectionSpec url(String u) { this.url = u; return this; }
    public ConnectionSpec cluster(String c) { this.cluster = c; return this; }
    public ConnectionSpec region(String r) { this.region = r; return this; }
    public ConnectionSpec endpoint(String e) { this.endpoint = e; return this; }
    public ConnectionSpec user(String u) { this.user = u; return this; }
    public ConnectionSpec port(Integer p) { this.port = p; return this; }
    public ConnectionSpec awsProfile(String p) { this.awsProfile = p; return this; }
    public ConnectionSpec tlsRootCert(Path p) { this.tlsRootCert = p; return this; }
    public ConnectionSpec sslNegotiation(String mode) { this.sslNegotiation = mode; return this; }
    public ConnectionSpec tokenLifetime(Duration d) { this.tokenLifetime = d; return this; }
    public ConnectionSpec local(boolean l) { this.local = l; return this; }

    /**
     * True when {@code --local} was given explicitly (and no conflicting target): commands that need
     * a database either way (migrate, load, batch) start the embedded local DSQL only then, and treat
     * "nothing configured" as a usage error.
     */
    public boolean localRequested() {
        return resolveTarget() == null && local;
    }

    /** True when {@code --local} was given or nothing was configured (the caller starts local DSQL). */
    public boolean wantsLocal() {
        return resolveTarget() == null;
    }

    /** The endpoint to connect to, or empty for "local DSQL". Credentials come from the default chain or the profile. */
    public Optional<Endpoint> resolve() {
        return resolve(null);
    }

    /**
     * As {@link #resolve()}, with an injected AWS credentials provider (tests use static credentials).
     */
    public Optional<Endpoint> resolve(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        Target t = resolveTarget();
        if (t == null) return Optional.empty();
        if (t.url != null) return Optional.of(fromUrl(t.url));
        return Optional.of(aws(t, credentials, user == null ? "admin" : user));
    }

    /**
     * The same DSQL endpoint for another database role, e.g. a reader mapped with
     * {@code AWS IAM GRANT <role> TO '<iam-role-arn>'}: IAM tokens for it are generated with
     * {@code DbConnect} ({@code DbConnectAdmin} only for {@code admin}). Empty when the target is not a
     * DSQL endpoint (a static-password {@code --url} needs the role's own URL; local DSQL is chosen).
     */
    public Optional<Endpoint> resolveAs(String role, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials) {
        if (role == null || role.isBlank()) throw new ConnectionSpecException("the role name is empty");
        Target t = resolveTarget();
        if (t == null || t.url != null) return Optional.empty();
        return Optional.of(aws(t, credentials, role));
    }

    private record Target(String url, String host, String region) {}

    private Target resolveTarget() {
        String cl = firstNonBlank(cluster, env.get("CLUSTER"));
        String ep = blankToNull(endpoint);
        String rg = firstNonBlank(region, env.get("REGION"), env.get("AWS_REGION"));
        if (local) {
            if (url != null) throw new ConnectionSpecException("--local and --url both given: choose one");
            if (cluster != null || ep != null) throw new ConnectionSpecException("--local and --cluster/--endpoint both given: choose one");
            return null;
        }
        if (url != null) {
            if (cluster != null || ep != null) throw new ConnectionSpecException("--url and --cluster/--endpoint both given: choose one");
            return new Target(url, null, null);
        }
        if (ep != null) {
            String r = rg != null ? rg : regionFromEndpoint(ep);
            if (r == null) throw new ConnectionSpecException("--endpoint " + ep + " needs --region (or env REGION): it is not a <cluster>.dsql.<region>.on.aws name");
            return new Target(null, ep, checkRegion(r));
        }
        if (cl != null) {
            if (!CLUSTER_ID.matcher(cl).matches()) {
                throw new ConnectionSpecException("--cluster/CLUSTER '" + cl + "' is not a cluster identifier (lowercase letters and digits, "
                        + "e.g. abc123def456ghi789jkl0mnop); use --endpoint for a full host name");
            }
            if (rg == null) throw new ConnectionSpecException("--cluster " + cl + " needs --region (or env REGION / AWS_REGION)");
            checkRegion(rg);
            return new Target(null, cl + ".dsql." + rg + ".on.aws", rg);
        }
        if (cluster == null && rg != null && region != null) {
            throw new ConnectionSpecException("--region given without --cluster or --endpoint");
        }
        return null;
    }

    private Endpoint aws(Target t, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials, String role) {
        String profile = firstNonBlank(awsProfile, env.get("AWS_PROFILE"));
        String source = credentials != null ? "the given credentials provider"
                : AwsCredentialsException.source(profile, blankToNull(awsProfile) == null);
        var creds = credentials != null ? credentials : IamTokenProvider.credentials(profile);
        Duration lifetime = tokenLifetime == null ? IamTokenProvider.DEFAULT_LIFETIME : tokenLifetime;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.toSeconds() > 604_800) {
            throw new ConnectionSpecException("--token-lifetime must be between 1 and 604800 seconds (dsql-facts §5)");
        }
        String cert = rootCert();
        String negotiation = negotiation("direct");
        TokenProvider tokens = new IamTokenProvider(t.host, t.region, role, creds, lifetime, source);
        return new Endpoint(Endpoint.Kind.AWS, t.host, port == null ? 5432 : checkPort(port), "postgres", role, tokens,
                Endpoint.Tls.aws(cert, negotiation), lifetime);
    }

    private Endpoint fromUrl(String raw) {
        String s = raw.startsWith("jdbc:") ? raw.substring(5) : raw;
        URI u;
        try {
            u = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new ConnectionSpecException("--url is not a URL: " + e.getMessage().replace(raw, "<url>"));
        }
        if (u.getScheme() == null || !(u.getScheme().equals("postgresql") || u.getScheme().equals("postgres"))) {
            throw new ConnectionSpecException("--url must start with postgresql:// (e.g. postgresql://admin:secret@127.0.0.1:5432/postgres)");
        }
        if (u.getHost() == null) throw new ConnectionSpecException("--url has no host (expected postgresql://user:password@host:port/database)");
        String userName = "postgres";
        String password = "";
        if (u.getRawUserInfo() != null) {
            String[] parts = u.getRawUserInfo().split(":", 2);
            userName = decode(parts[0]);
            if (parts.length > 1) password = decode(parts[1]);
        }
        if (user != null) userName = user;
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        Map<String, String> q = query(u.getRawQuery());
        int p = port != null ? checkPort(port) : u.getPort() > 0 ? u.getPort() : 5432;
        String sslmode = q.getOrDefault("sslmode", tlsRootCert != null ? "verify-full" : "disable");
        Endpoint.Tls tls = null;
        if (!sslmode.equals("disable")) {
            String cert = q.containsKey("sslrootcert") ? q.get("sslrootcert") : rootCert();
            tls = new Endpoint.Tls(sslmode, negotiation(q.getOrDefault("sslnegotiation", "postgres")), cert);
        }
        return new Endpoint(Endpoint.Kind.URL, u.getHost(), p, db, userName, TokenProvider.staticPassword(password), tls, null);
    }

    private String rootCert() {
        if (tlsRootCert == null) return null;
        if (!Files.isReadable(tlsRootCert)) throw new ConnectionSpecException("--tls-root-cert " + tlsRootCert + " is not a readable file");
        return tlsRootCert.toAbsolutePath().toString();
    }

    private String negotiation(String fallback) {
        String n = sslNegotiation == null ? fallback : sslNegotiation.toLowerCase(Locale.ROOT);
        if (!n.equals("direct") && !n.equals("postgres")) throw new ConnectionSpecException("--ssl-negotiation must be direct or postgres, was " + sslNegotiation);
        return n;
    }

    private static int checkPort(int p) {
        if (p < 1 || p > 65535) throw new ConnectionSpecException("--port must be 1..65535, was " + p);
        return p;
    }

    private static String checkRegion(String r) {
        if (!REGION.matcher(r).matches()) throw new ConnectionSpecException("--region/REGION '" + r + "' is not an AWS region name (e.g. us-east-1)");
        return r;
    }

    /** {@code <cluster>.dsql.<region>.on.aws} -> region (the third label, as the AWS JDBC connector does). */
    static String regionFromEndpoint(String host) {
        String[] labels = host.split("\\.");
        if (labels.length >= 5 && labels[1].equals("dsql") && host.endsWith(".on.aws")) return labels[2];
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) return m;
        for (String kv : raw.split("&")) {
            String[] p = kv.split("=", 2);
            m.put(decode(p[0]).toLowerCase(Locale.ROOT), p.length > 1 ? decode(p[1]) : "");
        }
        return m;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A bad connection setting; the message names the option and what to do. */
    public static final class ConnectionSpecException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ConnectionSpecException(String message) {
            super(message);
        }
    }
}
