package io.dsqlkit.cli.local;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.OccModel;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import io.dsqlkit.rules.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code dsqlkit local}: PostgreSQL 16 behind the DSQL gateway until Ctrl-C / SIGTERM.
 * Exit codes: 0 stopped cleanly, 1 could not start, 2 bad options.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run a local Aurora DSQL: PostgreSQL 16 behind a DSQL-compatible gateway. Prints one ready line "
                + "(psql command, JDBC URL, local AWS credentials) on stdout; logs go to stderr.")
public final class LocalCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Gateway port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "5432")
    int port;

    @Option(names = "--data", description = "Data folder (default: ~/.local/share/dsqlkit/local, or under DSQLKIT_CACHE when root).")
    Path data;

    @Option(names = "--ephemeral", description = "Throw-away data, deleted on exit.")
    boolean ephemeral;

    @Option(names = "--profile", description = "DSQL surface to emulate: 2025-05 or 2026-09 (default: newest).")
    String profile;

    @Option(names = "--tls", description = "Serve TLS with a generated certificate (SSLRequest and direct TLS).")
    boolean tls;

    @Option(names = "--auth", description = "iam (password must be a DSQL token signed with the local credentials) or none. Default ${DEFAULT-VALUE}.",
            defaultValue = "iam")
    String auth;

    @Option(names = "--occ", description = "Write-write conflicts between sessions: dsql (DSQL's optimistic concurrency: no writer "
            + "waits; the gateway rolls the other transaction back and its client gets 40001 OC000 at its next statement or COMMIT) "
            + "or postgres (PostgreSQL's row locks: the second writer waits up to the lock timeout, then fails OC000 at its "
            + "statement). Default ${DEFAULT-VALUE}.", defaultValue = "dsql")
    String occ;

    @Option(names = "--hostname", description = "Extra host name for the certificate and IAM tokens, e.g. abc.dsql.us-east-1.on.aws (repeatable).")
    List<String> hostNames = List.of();

    @Option(names = "--access-key-id", description = "Local AWS access key id tokens must be signed with.")
    String accessKeyId = LocalCredentials.DEFAULT.accessKeyId();

    @Option(names = "--secret-access-key", description = "Local AWS secret access key tokens must be signed with.")
    String secretAccessKey = LocalCredentials.DEFAULT.secretAccessKey();

    @Option(names = "--region", description = "Region printed for token generation (default ${DEFAULT-VALUE}).", defaultValue = "us-east-1")
    String region;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        DsqlLocal.Builder b;
        try {
            if (ephemeral && data != null) throw new IllegalArgumentException("--data and --ephemeral exclude each other");
            b = DsqlLocal.builder().port(port).profile(Profile.parse(profile)).tls(tls).auth(AuthMode.parse(auth))
                    .occ(OccModel.parse(occ)).credentials(new LocalCredentials(accessKeyId, secretAccessKey, region));
            for (String h : hostNames) b.hostName(h);
            if (!ephemeral) b.dataDir(data != null ? data : defaultDataDir());
        } catch (IllegalArgumentException e) {
            err.println("dsqlkit local: " + e.getMessage());
            return 2;
        }
        DsqlLocal local;
        try {
            local = b.start();
        } catch (RuntimeException e) {
            err.println("dsqlkit local: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("dsqlkit local: stopping");
            local.close();
            stopped.countDown();
        }, "dsqlkit-local-stop"));
        out.println(readyLine(local));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String readyLine(DsqlLocal local) {
        StringBuilder sb = new StringBuilder("dsqlkit local ready: ");
        String ssl = local.caCertificate() != null ? " sslmode=verify-full sslrootcert=" + local.caCertificate() : "";
        String conn = "host=localhost port=" + local.port() + " dbname=postgres user=admin" + ssl;
        LocalCredentials c = local.credentials();
        if (local.auth() == AuthMode.IAM) {
            sb.append("psql: PGPASSWORD=\"$(AWS_ACCESS_KEY_ID=").append(c.accessKeyId())
                    .append(" AWS_SECRET_ACCESS_KEY=").append(c.secretAccessKey())
                    .append(" aws dsql generate-db-connect-admin-auth-token --hostname localhost --region ").append(c.region())
                    .append(")\" psql \"").append(conn).append('"');
        } else {
            sb.append("psql \"").append(conn).append('"');
        }
        sb.append(" | JDBC: ").append(local.jdbcUrl().replace("127.0.0.1", "localhost"));
        sb.append(" | AWS credentials: AWS_ACCESS_KEY_ID=").append(c.accessKeyId())
                .append(" AWS_SECRET_ACCESS_KEY=").append(c.secretAccessKey()).append(" AWS_REGION=").append(c.region());
        if (local.caCertificate() != null) sb.append(" | CA certificate: ").append(local.caCertificate());
        sb.append(" | auth: ").append(local.auth().name().toLowerCase()).append(", profile ").append(local.profile().id());
        return sb.toString();
    }

    private static Path defaultDataDir() {
        String cache = System.getenv("DSQLKIT_CACHE");
        if (cache != null && !cache.isBlank()) return Path.of(cache, "local-data");
        if ("root".equals(System.getProperty("user.name"))) return Path.of("/var/lib/dsqlkit/local-data");
        return Path.of(System.getProperty("user.home"), ".local", "share", "dsqlkit", "local");
    }
}
