package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.DsqlMcpServer;
import io.dsqlkit.mcp.server.HttpServer;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.testkit.NodeE2e;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool-argument corpus ({@code src/test/resources/adversarial/tool-args.jsonl}): every case runs
 * through the MCP Java SDK client (streamable HTTP, in process) against local DSQL in its mode
 * (read-only, bound to a tenant, writes allowed), and the database is fingerprinted before and after:
 * data, sequences, catalog, advisory locks and large objects for refusals; the other tenant's rows
 * for tenant cases, which must also never show another tenant's keys or values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolArgumentsAdversarialTest {
    static final String CORPUS = "/adversarial/tool-args.jsonl";
    static final String TOKEN = "corpus-token";
    static final String T = SharedDsqlLocal.uniqueName("objectives");
    static final String P = SharedDsqlLocal.uniqueName("owners");
    static final String N = SharedDsqlLocal.uniqueName("notes");
    static final String S = SharedDsqlLocal.uniqueName("objseq");
    static final McpJsonMapper JSON = McpJsonDefaults.getMapper();

    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final Map<String, McpSyncClient> clients = new LinkedHashMap<>();

    /** One corpus line. */
    record Case(String id, String tool, String mode, String expect, Map<String, Object> args, List<String> contains, List<String> absent) {
        @Override
        public String toString() {
            return id + " (" + tool + ", " + mode + ")";
        }
    }

    @BeforeAll
    void start() throws Exception {
        TestDatabase.admin(
                "CREATE TABLE " + P + " (id int PRIMARY KEY, tenant_id text NOT NULL, name text)",
                "CREATE TABLE " + T + " (id int PRIMARY KEY, tenant_id text NOT NULL, parent_id int, title text)",
                "CREATE TABLE " + N + " (id int PRIMARY KEY, body text DEFAULT 'd', touched timestamptz)",
                "CREATE SEQUENCE " + S + " CACHE 1",
                "INSERT INTO " + P + " VALUES (1, 'tenant-a', 'pa'), (2, 'tenant-b', 'SECRET-B parent')",
                "INSERT INTO " + T + " VALUES (1, 'tenant-a', 1, 'a;b'), (2, 'tenant-a', 1, 'plain'), (11, 'tenant-a', 5555, 'orphan-a'),"
                        + " (21, 'tenant-b', 7777, 'SECRET-B title'), (22, 'tenant-b', 2, 'SECRET other')",
                "INSERT INTO " + N + " VALUES (1, 'x', NULL)");
        Map<String, ServerSettings> modes = Map.of(
                "read-only", ServerSettings.defaults(false),
                "tenant", ServerSettings.defaults(true).withTenant("tenant-a"),
                "writes", ServerSettings.defaults(true));
        for (var e : modes.entrySet()) {
            HttpServer http = HttpServer.start(new DsqlMcpServer(TestDatabase.database(), e.getValue()), "127.0.0.1", 0, TOKEN);
            servers.put(e.getKey(), http);
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                    .endpoint("/mcp").httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + TOKEN))
                    .build();
            McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
            client.initialize();
            clients.put(e.getKey(), client);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (McpSyncClient c : clients.values()) c.closeGracefully();
        for (HttpServer s : servers.values()) s.close();
    }

    static Stream<Case> corpus() throws Exception {
        List<Case> out = new ArrayList<>();
        try (InputStream in = ToolArgumentsAdversarialTest.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                @SuppressWarnings("unchecked")
                Map<String, Object> n = JSON.readValue(substitute(line), Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> args = (Map<String, Object>) n.get("args");
                out.add(new Case((String) n.get("id"), (String) n.get("tool"), (String) n.get("mode"), (String) n.get("expect"), args,
                        strings(n.get("contains")), strings(n.get("absent"))));
            }
        }
        return out.stream();
    }

    private static String substitute(String line) {
        return line.replace("${T}", T).replace("${P}", P).replace("${N}", N).replace("${S}", S);
    }

    private static List<String> strings(Object n) {
        List<String> out = new ArrayList<>();
        if (n instanceof List<?> l) l.forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void caseHolds(Case c) throws Exception {
        assertThat(clients).containsKey(c.mode());
        String before = everything();
        String otherTenant = DatabaseFingerprint.rowsOf(List.of(T, P), "tenant_id", "tenant-b");
        McpSchema.CallToolResult r = clients.get(c.mode()).callTool(new McpSchema.CallToolRequest(c.tool(), c.args()));
        String text = text(r);
        boolean failed = Boolean.TRUE.equals(r.isError());
        switch (c.expect()) {
            case "refused" -> {
                assertThat(failed).as("%s must be refused, got: %s", c, text).isTrue();
                assertThat(everything()).as("%s changed the database", c).isEqualTo(before);
            }
            case "harmless" -> assertThat(everything()).as("%s changed the database: %s", c, text).isEqualTo(before);
            case "contained" -> assertThat(failed || !text.isEmpty()).isTrue();
            case "ok" -> assertThat(failed).as("%s must work, got: %s", c, text).isFalse();
            default -> throw new AssertionError("unknown expect " + c.expect() + " in " + c);
        }
        if (c.mode().equals("tenant")) {
            assertThat(DatabaseFingerprint.rowsOf(List.of(T, P), "tenant_id", "tenant-b")).as("%s touched tenant-b", c).isEqualTo(otherTenant);
            assertThat(withoutFenceTags(text)).as("%s showed tenant-b data", c).doesNotContain("SECRET", "7777");
        }
        for (String s : c.contains()) assertThat(text).as("%s result", c).contains(s);
        for (String s : c.absent()) assertThat(text).as("%s result", c).doesNotContain(s);
    }

    /** Every tool that takes arguments has cases in the corpus, in every mode that matters. */
    @Test
    void corpusCoversEveryArgumentTakingDataTool() throws Exception {
        Map<String, List<String>> modesByTool = corpus().collect(Collectors.groupingBy(Case::tool,
                Collectors.mapping(Case::mode, Collectors.toList())));
        for (String tool : List.of("check_references", "batch_execute", "describe_table", "list_tables", "get_schema", "list_jobs",
                "wait_for_job", "migrate_status", "migrate_plan", "migrate_apply", "explain", "dsql_guide", "insert_rows")) {
            assertThat(modesByTool).as("corpus cases for " + tool).containsKey(tool);
        }
        assertThat(modesByTool.get("check_references")).contains("read-only", "tenant", "writes");
        assertThat(modesByTool.get("batch_execute")).contains("read-only", "tenant", "writes");
        assertThat(modesByTool.get("insert_rows")).contains("read-only", "tenant", "writes");
    }

    /**
     * The same corpus through the official MCP TypeScript SDK client (e2e/mcp/tool-args.mjs), per mode:
     * every refusal is refused and the whole run leaves the database as it was; under the tenant the
     * other tenant's rows are untouched and never shown. (Legitimate "ok" cases run in {@link #caseHolds}.)
     */
    @Test
    void corpusThroughTheTypeScriptClient() throws Exception {
        NodeE2e.nodeAndClient();
        Path corpus = Path.of("src", "test", "resources", "adversarial", "tool-args.jsonl").toAbsolutePath();
        String vars = JSON.writeValueAsString(Map.of("T", T, "P", P, "N", N, "S", S));
        Map<String, Boolean> expectedError = new LinkedHashMap<>();
        corpus().forEach(c -> expectedError.put(c.id(), c.expect().equals("refused")));
        for (String mode : servers.keySet()) {
            String before = everything();
            String otherTenant = DatabaseFingerprint.rowsOf(List.of(T, P), "tenant_id", "tenant-b");
            String expects = mode.equals("tenant") ? "refused,harmless,contained" : "refused,harmless";
            NodeE2e.Result r = NodeE2e.run(List.of("node", "tool-args.mjs",
                    "http://127.0.0.1:" + servers.get(mode).port() + "/mcp", TOKEN, corpus.toString(), mode, expects, vars),
                    NodeE2e.E2E, 300);
            assertThat(r.exitCode()).as(r.output()).isZero();
            int cases = 0;
            for (String line : r.output().split("\n")) {
                if (!line.startsWith("{")) continue;
                @SuppressWarnings("unchecked")
                Map<String, Object> res = JSON.readValue(line, Map.class);
                String id = (String) res.get("id");
                cases++;
                if (expectedError.get(id)) assertThat(res.get("isError")).as(id + " via TypeScript: " + res.get("text")).isEqualTo(true);
                if (mode.equals("tenant")) assertThat(withoutFenceTags((String) res.get("text"))).as(id).doesNotContain("SECRET", "7777");
            }
            assertThat(cases).as("cases run in mode " + mode + ":\n" + r.output()).isPositive();
            if (mode.equals("tenant")) {
                assertThat(DatabaseFingerprint.rowsOf(List.of(T, P), "tenant_id", "tenant-b")).isEqualTo(otherTenant);
            } else {
                assertThat(everything()).as("the " + mode + " corpus changed the database").isEqualTo(before);
            }
        }
    }

    /**
     * Annotations are truthful: every tool that says readOnlyHint, called with legitimate arguments on
     * a server that allows writes, changes nothing (wait_for_job needs a live async job; it only polls
     * sys.jobs with a bound id).
     */
    @Test
    void toolsAnnotatedReadOnlyChangeNothingEvenWhenWritesAreAllowed() throws Exception {
        Path migrations = Files.createTempDirectory("dsqlkit-ro-migrations");
        Files.writeString(migrations.resolve("V1__never.sql"), "CREATE TABLE evil_never_applied (id int PRIMARY KEY);\n");
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        calls.put("query", Map.of("sql", "SELECT count(*) FROM " + T));
        calls.put("readonly_query", Map.of("sql", "SELECT 1"));
        calls.put("list_tables", Map.of());
        calls.put("describe_table", Map.of("table_name", T));
        calls.put("get_schema", Map.of());
        calls.put("dsql_lint", Map.of("sql", "CREATE INDEX i ON " + T + " (title)"));
        calls.put("explain", Map.of("sql", "UPDATE " + T + " SET title = title || 'x'", "analyze", true));
        calls.put("list_jobs", Map.of());
        calls.put("dsql_guide", Map.of("topic", "constraints"));
        calls.put("migrate_plan", Map.of("location", migrations.toString(), "history_table", "evil_history_never"));
        calls.put("migrate_status", Map.of("location", migrations.toString(), "history_table", "evil_history_never"));
        calls.put("check_references", Map.of("child", T, "columns", List.of("parent_id"), "parent", P));
        calls.put("schema_plan", Map.of("desired_sql", "CREATE SCHEMA evil_schema_never;\n"
                + "CREATE TABLE evil_schema_never.t (id bigint PRIMARY KEY);"));
        McpSyncClient rw = clients.get("writes");
        List<String> readOnly = rw.listTools().tools().stream()
                .filter(t -> t.annotations() != null && Boolean.TRUE.equals(t.annotations().readOnlyHint()))
                .map(McpSchema.Tool::name).filter(n -> !n.equals("wait_for_job")).toList();
        assertThat(calls.keySet()).as("a legitimate call for every read-only tool").containsExactlyInAnyOrderElementsOf(readOnly);
        for (var call : calls.entrySet()) {
            String before = everything();
            McpSchema.CallToolResult r = rw.callTool(new McpSchema.CallToolRequest(call.getKey(), call.getValue()));
            assertThat(r.isError()).as(call.getKey() + ": " + text(r)).isNotEqualTo(Boolean.TRUE);
            assertThat(everything()).as(call.getKey() + " is annotated read-only but changed the database").isEqualTo(before);
        }
    }

    /** The text without the data fence's random tags, whose hex digits can spell a marker such as 7777 by chance. */
    private static String withoutFenceTags(String text) {
        return text.replaceAll("<<<data-[0-9a-f]+>>>", "<<<data>>>");
    }

    private String everything() throws Exception {
        return DatabaseFingerprint.of(List.of(T, P, N), List.of(S));
    }

    private static String text(McpSchema.CallToolResult r) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (McpSchema.Content c : r.content()) if (c instanceof McpSchema.TextContent t) sb.append(t.text()).append('\n');
        if (r.structuredContent() != null) sb.append(JSON.writeValueAsString(r.structuredContent()));
        return sb.toString();
    }
}
