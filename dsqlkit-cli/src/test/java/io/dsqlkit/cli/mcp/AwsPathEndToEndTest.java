package io.dsqlkit.cli.mcp;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS path end to end against local DSQL started with IAM auth and TLS: the server is configured
 * exactly as for a real cluster ({@code --cluster}/{@code --region}, credentials from the default
 * chain via AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), tokens come from the real SDK
 * {@code DsqlUtilities}, TLS is verified (verify-full, direct negotiation) against the local CA, and
 * the cluster's endpoint name resolves to loopback through a hosts file given to the child JVM.
 * Token lifetime is forced to 5 s: calls that need new connections after the tokens expired must
 * still succeed.
 */
class AwsPathEndToEndTest {
    static final String CLUSTER = "abcdefghijklmnopqrstuvwxyz";
    static final String HOST = CLUSTER + ".dsql.us-east-1.on.aws";
    static DsqlLocal local;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        local = DsqlLocal.builder().auth(AuthMode.IAM).tls(true).hostName(HOST).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    private McpSyncClient client(List<String> stderr, String... extra) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + HOST + "\n");
        List<String> cmd = new ArrayList<>(McpServerProcess.command());
        cmd.add(1, "-Djdk.net.hosts.file=" + hosts);
        cmd.addAll(List.of("--cluster", CLUSTER, "--region", "us-east-1", "--port", String.valueOf(local.port()),
                "--tls-root-cert", local.caCertificate().toString(), "--allow-writes", "--token-lifetime", "5", "--max-pool-size", "4"));
        cmd.addAll(List.of(extra));
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", LocalCredentials.DEFAULT.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.DEFAULT.secretAccessKey());
        env.put("AWS_PROFILE", "");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("CLUSTER", "");
        env.put("REGION", "");
        StdioClientTransport transport = new StdioClientTransport(
                ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).env(env).build(), McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        c.initialize();
        return c;
    }

    @Test
    void iamTokensTlsAndExpiredTokensNeverFailACall() throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (McpSyncClient c = client(stderr)) {
            McpSchema.CallToolResult who = c.callTool(new McpSchema.CallToolRequest("query",
                    Map.of("sql", "SELECT current_user AS u, current_setting('ssl', true) AS ssl")));
            assertThat(who.isError()).as(who + "\n" + String.join("\n", stderr)).isFalse();
            assertThat(who.structuredContent().toString()).contains("u=admin");
            assertThat(c.callTool(new McpSchema.CallToolRequest("execute",
                    Map.of("sql", "CREATE TABLE aws_path (id int PRIMARY KEY, v text)"))).isError()).isFalse();
            Thread.sleep(6000); // every token issued so far has expired
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<McpSchema.CallToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int id = i;
                calls.add(pool.submit(() -> c.callTool(new McpSchema.CallToolRequest("execute",
                        Map.of("sql", "INSERT INTO aws_path VALUES ($1, $2)", "parameters", List.of(id, "v" + id))))));
            }
            for (Future<McpSchema.CallToolResult> f : calls) assertThat(f.get().isError()).as(f.get().toString()).isFalse();
            pool.shutdown();
            McpSchema.CallToolResult n = c.callTool(new McpSchema.CallToolRequest("query", Map.of("sql", "SELECT count(*) AS n FROM aws_path")));
            assertThat(n.structuredContent().toString()).contains("n=12");
        }
        String log = String.join("\n", stderr);
        assertThat(log).doesNotContain("X-Amz-Signature").doesNotContain(LocalCredentials.DEFAULT.secretAccessKey());
    }

    @Test
    void readOnlyByDefaultAgainstAws() throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + HOST + "\n");
        List<String> cmd = new ArrayList<>(McpServerProcess.command());
        cmd.add(1, "-Djdk.net.hosts.file=" + hosts);
        cmd.addAll(List.of("--cluster", CLUSTER, "--region", "us-east-1", "--port", String.valueOf(local.port()),
                "--tls-root-cert", local.caCertificate().toString()));
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", LocalCredentials.DEFAULT.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", LocalCredentials.DEFAULT.secretAccessKey(),
                "AWS_CONFIG_FILE", dir.resolve("no-config").toString(), "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        StdioClientTransport transport = new StdioClientTransport(
                ServerParameters.builder(cmd.get(0)).args(cmd.subList(1, cmd.size())).env(env).build(), McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr::add);
        try (McpSyncClient c = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
            c.initialize();
            McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest("execute", Map.of("sql", "CREATE TABLE never_created (id int)")));
            assertThat(r.isError()).isTrue();
            assertThat(r.structuredContent().toString()).contains("read-only");
            assertThat(c.callTool(new McpSchema.CallToolRequest("query", Map.of("sql", "SELECT 1 AS one"))).isError()).isFalse();
        }
    }

    @Test
    @Tag("soak")
    void connectionsRecycleUnderShortLifetimesWithoutFailedCalls() throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (McpSyncClient c = client(stderr, "--max-lifetime", "30")) {
            long end = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            int failed = 0;
            int calls = 0;
            while (System.nanoTime() < end) {
                if (Boolean.TRUE.equals(c.callTool(new McpSchema.CallToolRequest("query", Map.of("sql", "SELECT 1 AS one"))).isError())) failed++;
                calls++;
                Thread.sleep(50);
            }
            assertThat(failed).as("failed calls out of " + calls).isZero();
        }
    }
}
