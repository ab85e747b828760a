package io.dsqlkit.cli.mcp;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.client.ConnectionSpec;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.OccRetry;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.mcp.db.DaemonThreads;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.DsqlMcpServer;
import io.dsqlkit.mcp.server.HttpServer;
import io.dsqlkit.mcp.server.JsonWarmUp;
import io.dsqlkit.mcp.server.ResultLimits;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.server.StdioTransport;
import io.dsqlkit.mcp.tools.InFlightCalls;
import io.dsqlkit.rules.Profile;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code dsqlkit mcp}: the Aurora DSQL MCP server over stdio (default) or streamable HTTP. With no
 * cluster configured it runs against an embedded local DSQL (writes allowed); against AWS it is
 * read-only unless {@code --allow-writes}. It connects in the background once a stdio client is initialized,
 * or once the HTTP server listens; with {@code --lazy-connect}, at the first tool call.
 * <p>
 * Exit codes: 0 = clean shutdown, 2 = bad options, 1 = failed to start.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Run the Aurora DSQL MCP server (the Aurora DSQL Power) over stdio or streamable HTTP.",
                "With no --cluster/--endpoint/--url it starts an embedded local DSQL (writes allowed).",
                "Against AWS it is read-only unless --allow-writes. stdout carries only JSON-RPC; logs go to stderr."})
public final class McpCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--http", paramLabel = "[HOST:]PORT", description = "Serve streamable HTTP at http://HOST:PORT/mcp instead of stdio (HOST defaults to 127.0.0.1).")
    String http;

    @Option(names = "--http-token", paramLabel = "TOKEN",
            description = "Bearer token HTTP clients must send (env DSQLKIT_MCP_TOKEN); generated and printed to stderr if absent.")
    String httpToken;

    @Option(names = "--http-max-sessions", description = "Most HTTP sessions open at once. Default ${DEFAULT-VALUE}.")
    int httpMaxSessions = 64;

    @Option(names = "--http-session-idle", paramLabel = "SECONDS",
            description = "Close an HTTP session unused this long (the client starts a new one). Default ${DEFAULT-VALUE} s.")
    int httpSessionIdleSeconds = 1800;

    @Option(names = "--http-allow-host", paramLabel = "NAME", split = ",",
            description = "Also accept this name in the Host header (by default only the bound address, and localhost on loopback).")
    java.util.List<String> httpAllowHosts = new java.util.ArrayList<>();

    @Option(names = "--allow-writes", description = "Allow execute/transact writes against AWS (local DSQL allows them by default).")
    boolean allowWrites;

    @Option(names = "--read-only", description = "Refuse writes even on local DSQL.")
    boolean readOnly;

    @Option(names = "--row-limit", description = "Maximum rows a query returns (truncated: true beyond). Default ${DEFAULT-VALUE}.")
    int rowLimit = 1000;

    @Option(names = "--max-value-bytes", paramLabel = "BYTES",
            description = "Cut each returned value at this many bytes of JSON (marked …[cut]). Default ${DEFAULT-VALUE}.")
    int maxValueBytes = 65536;

    @Option(names = "--max-result-bytes", paramLabel = "BYTES",
            description = "Stop returning rows once a response would carry this many bytes of them (truncated: true; at most 5 MiB, "
                    + "MCP clients drop messages over 10 MiB). Default ${DEFAULT-VALUE}.")
    long maxResultBytes = 4_194_304L;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS", description = "Client-side timeout per statement. Default ${DEFAULT-VALUE} s.")
    int statementTimeoutSeconds = 30;

    @Option(names = "--tenant-column", description = "Column that scopes rows to a tenant. Default ${DEFAULT-VALUE}.")
    String tenantColumn = "tenant_id";

    @Option(names = "--tenant", description = "Bind the whole server to this tenant: statements that could touch other tenants' rows are refused.")
    String tenant;

    @Option(names = "--profile", paramLabel = "DSQL", description = "DSQL rules profile for linting writes: 2025-05 or 2026-09 (default: current).")
    String profile = "current";

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory of the embedded local DSQL (default: ephemeral).")
    Path dataDir;

    @Option(names = "--max-pool-size", description = "Maximum database connections. Default ${DEFAULT-VALUE}.")
    int maxPoolSize = 10;

    @Option(names = "--max-lifetime", paramLabel = "SECONDS",
            description = "Retire connections after this long (DSQL caps them at 60 min). Default ${DEFAULT-VALUE} s.")
    int maxLifetimeSeconds = 3000;

    @Option(names = "--read-role", paramLabel = "ROLE", description = "Run reads as this DSQL role (IAM token with DbConnect), e.g. a "
            + "SELECT-only role mapped with AWS IAM GRANT; writes keep the main role. See docs/mcp.md.")
    String readRole;

    @Option(names = "--read-url", paramLabel = "URL", description = "Run reads through this postgresql:// URL (a least-privilege user) "
            + "instead of --url's user.")
    String readUrl;

    @Option(names = "--lazy-connect", description = "Connect on the first tool call. By default the server connects once "
            + "the client is initialized (stdio) or once it listens (--http), so that the first call does not wait for the connection "
            + "(or the embedded local DSQL's start).")
    boolean lazyConnect;

    @Option(names = "--occ-retries", description = "Attempts per tool call (first try included) on OCC conflicts "
            + "and broken connections; the result reports how many were made. Default ${DEFAULT-VALUE}.")
    int occAttempts = 8;

    @Override
    public Integer call() throws Exception {
        if (http == null) JsonWarmUp.start(); // the initialize exchange's Jackson work, beside option checks and assembly
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        ServerSettings settings;
        Optional<Endpoint> endpoint;
        Optional<Endpoint> reader;
        try {
            endpoint = connection.spec().resolve();
            reader = readerEndpoint(endpoint);
            if (rowLimit < 1) throw new IllegalArgumentException("--row-limit must be >= 1");
            if (statementTimeoutSeconds < 1) throw new IllegalArgumentException("--statement-timeout must be >= 1 second");
            if (maxLifetimeSeconds < 30 || maxLifetimeSeconds > 3540) {
                throw new IllegalArgumentException("--max-lifetime must be between 30 and 3540 seconds (DSQL closes connections at 60 minutes)");
            }
            if (allowWrites && readOnly) throw new IllegalArgumentException("--allow-writes and --read-only both given: choose one");
            boolean writes = endpoint.isEmpty() ? !readOnly : allowWrites;
            settings = new ServerSettings(writes, rowLimit, Duration.ofSeconds(statementTimeoutSeconds), tenantColumn,
                    tenant, Profile.parse(profile), OccRetry.of(Math.max(1, occAttempts), Duration.ofMillis(20), Duration.ofSeconds(2)),
                    new ResultLimits(maxValueBytes, maxResultBytes));
        } catch (IllegalArgumentException e) {
            System.err.println("dsqlkit mcp: " + e.getMessage());
            return 2;
        }
        PoolSettings pool = PoolSettings.defaults().withMaxPoolSize(maxPoolSize).withMaxLifetime(Duration.ofSeconds(maxLifetimeSeconds));
        Database database = database(endpoint, pool);
        if (reader.isPresent()) {
            Endpoint r = reader.get();
            database = database.withReader(new Database(() -> DataSources.pooled(r, pool, "dsqlkit-mcp-reads"), r.toString()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "dsqlkit-mcp-close"));
        DsqlMcpServer server = new DsqlMcpServer(database, settings);
        if (http != null) return serveHttp(server, lazyConnect ? null : database);
        return serveStdio(server, lazyConnect ? null : database);
    }

    /** The least-privilege endpoint reads use (--read-role on DSQL, --read-url elsewhere), if any. */
    private Optional<Endpoint> readerEndpoint(Optional<Endpoint> endpoint) {
        if (readRole != null && readUrl != null) throw new IllegalArgumentException("--read-role and --read-url both given: choose one");
        if (readUrl != null) {
            if (endpoint.isEmpty()) throw new IllegalArgumentException("--read-url needs --url (the embedded local DSQL has one user)");
            return new ConnectionSpec().url(readUrl).resolve();
        }
        if (readRole == null) return Optional.empty();
        Optional<Endpoint> r = connection.spec().resolveAs(readRole, null);
        if (r.isEmpty()) {
            throw new IllegalArgumentException("--read-role needs a DSQL endpoint (--cluster/--endpoint, IAM auth); for --url give the "
                    + "reader's own URL with --read-url");
        }
        return r;
    }

    private Database database(Optional<Endpoint> endpoint, PoolSettings pool) {
        if (endpoint.isPresent()) {
            Endpoint e = endpoint.get();
            return new Database(() -> DataSources.pooled(e, pool, "dsqlkit-mcp"), e.toString());
        }
        String where = dataDir == null ? "embedded local DSQL (ephemeral)" : "embedded local DSQL (" + dataDir + ")";
        return new Database(() -> {
            DsqlLocal local = dataDir == null ? DsqlLocal.start() : DsqlLocal.builder().dataDir(dataDir).start();
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "dsqlkit-local-stop"));
            Endpoint e = new Endpoint(Endpoint.Kind.LOCAL, local.host(), local.port(), "postgres", local.user(),
                    io.dsqlkit.client.TokenProvider.staticPassword(local.password()), null, null);
            System.err.println("dsqlkit mcp: local DSQL at " + e);
            return DataSources.pooled(e, pool, "dsqlkit-mcp");
        }, where);
    }

    /** {@code connectAhead}: connected once the client is initialized ({@link Database#warmUp}); null: on the first call. */
    private int serveStdio(DsqlMcpServer server, Database connectAhead) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        // stdin EOF (client gone) ends the process: the SDK closes the session; we watch stdin via the transport.
        // stdin unbuffered: the transport buffers lines itself, and System.in's buffer would ask available() (two
        // system calls) after each read it cannot fill
        EofSignallingInputStream stdin = new EofSignallingInputStream(new FileInputStream(FileDescriptor.in), closed::countDown);
        StdioTransport transport = new StdioTransport(McpJsonDefaults::getMapper, stdin, System.out, () -> { });
        if (connectAhead != null) transport.afterInitialized(connectAhead::warmUp);
        McpSyncServer mcp = server.startWithToolsInBackground(transport);
        closed.await();
        // The client closed stdin: answer the calls it already sent (a scripted client pipes its
        // requests and then EOF), bounded by the statement timeout so a stuck call cannot hang the exit.
        InFlightCalls.awaitIdle(300, TimeUnit.SECONDS.toMillis(statementTimeoutSeconds + 60L));
        stdin.releaseEof();
        Thread closer = new Thread(mcp::closeGracefully, "dsqlkit-mcp-close-session");
        closer.setDaemon(true);
        closer.start();
        closer.join(500);
        return 0;
    }

    /** {@code connectAhead}: connected once the server listens ({@link Database#warmUp}); null: on the first call. */
    private int serveHttp(DsqlMcpServer server, Database connectAhead) throws Exception {
        String host = "127.0.0.1";
        String portText = http;
        int colon = http.lastIndexOf(':');
        if (colon >= 0) {
            host = http.substring(0, colon);
            portText = http.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            System.err.println("dsqlkit mcp: --http expects [HOST:]PORT, e.g. 8765 or 127.0.0.1:8765; got " + http);
            return 2;
        }
        String token = httpToken != null ? httpToken : System.getenv("DSQLKIT_MCP_TOKEN");
        if (token == null || token.isBlank()) {
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            System.err.println("dsqlkit mcp: bearer token for HTTP clients: " + token);
        }
        io.dsqlkit.mcp.server.HttpSettings limits;
        try {
            limits = new io.dsqlkit.mcp.server.HttpSettings(httpMaxSessions, Duration.ofSeconds(httpSessionIdleSeconds), httpAllowHosts,
                    io.dsqlkit.mcp.server.HttpSettings.DEFAULT_MAX_REQUEST_BYTES);
        } catch (IllegalArgumentException e) {
            System.err.println("dsqlkit mcp: " + e.getMessage());
            return 2;
        }
        try (HttpServer s = HttpServer.start(server, host, port, token, limits)) {
            System.err.println("dsqlkit mcp: listening on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + s.port() + HttpServer.ENDPOINT);
            if (connectAhead != null) DaemonThreads.named("dsqlkit-mcp-connect-ahead").newThread(connectAhead::warmUp).start();
            s.join();
        }
        return 0;
    }
}
