package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.tools.DsqlTool;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.mcp.tools.ToolCatalog;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Assembles the Aurora DSQL Power: tools from {@link ToolCatalog}, guide resources and prompts. */
public final class DsqlMcpServer {
    public static final String NAME = "dsqlkit-aurora-dsql";
    public static final String VERSION = "0.1.0";

    private final Database database;
    private final ServerSettings settings;
    private final ToolAdapter adapter;

    public DsqlMcpServer(Database database, ServerSettings settings) {
        this.database = database;
        this.settings = settings;
        this.adapter = new ToolAdapter(database, settings);
    }

    public ToolAdapter adapter() {
        return adapter;
    }

    public List<McpServerFeatures.SyncToolSpecification> tools() {
        return ToolCatalog.all().stream().map(adapter::specification).toList();
    }

    /** Everything but the tools, the same for every transport. */
    private <S extends McpServer.SyncSpecification<S>> S configured(S spec) {
        spec.serverInfo(NAME, VERSION).instructions(instructions()).capabilities(capabilities()).requestTimeout(timeout())
                .jsonSchemaValidator(ArgumentsCheckedByTools.INSTANCE).jsonMapper(ToolCallMapper.INSTANCE).resources(GuideResources.all()).prompts(Prompts.all());
        return spec;
    }

    /**
     * The server on {@code transport}. Over stdio, tool calls run on the thread that handles the request (the SDK's
     * immediate execution): {@link StdioTransport} handles each request on a thread of its own (it passes the reading
     * of stdin on first), so the SDK's hop to its worker pool would only add a wake-up to every call. Any other
     * transport keeps the SDK's pool.
     */
    public McpSyncServer start(McpServerTransportProvider transport) {
        if (!(transport instanceof StdioTransport stdio)) {
            return configured(McpServer.sync(transport)).tools(tools()).build();
        }
        List<McpServerFeatures.SyncToolSpecification> specs = directTools(stdio);
        return configured(McpServer.sync(transport)).immediateExecution(true).tools(specs).build();
    }

    /**
     * The catalog's tools in order, as the SDK's specifications, each also answered by {@code transport} directly
     * ({@link DirectToolCalls}): once they are all in, the transport answers tools/list from the rendered list and
     * tool calls without the SDK. Needs no SDK server.
     */
    List<McpServerFeatures.SyncToolSpecification> directTools(StdioTransport transport) {
        DirectToolCalls direct = new DirectToolCalls(adapter);
        List<McpServerFeatures.SyncToolSpecification> specs = new java.util.ArrayList<>();
        for (DsqlTool tool : ToolCatalog.all()) {
            McpServerFeatures.SyncToolSpecification spec = adapter.specification(tool);
            specs.add(spec);
            direct.register(tool, spec.tool());
        }
        direct.listComplete(transport::mapper); // the mapper the transport writes the SDK's answers with
        transport.callToolsDirectly(direct);
        return specs;
    }


    /**
     * stdio start-up: answers {@code initialize} before the SDK server is built (the transport reads stdin at once and
     * answers with {@link InitializeAnswer}) and before the tools are built. A background thread builds the
     * {@link ToolCatalog}'s tools meanwhile, while this thread builds the SDK server (which starts with none): once
     * they are built the transport answers tools/list from their rendered list (the client sends it right after the
     * initialize answer; it waited for the SDK server's build before), and once the server is built they are added to
     * it in catalog order. Other requests wait until then, so whatever the SDK answers sees exactly what
     * {@link #start(McpServerTransportProvider)} would have registered.
     */
    public McpSyncServer startWithToolsInBackground(StdioTransport transport) {
        initializeAnswer(transport).ifPresent(transport::answerInitializeEarly);
        CountDownLatch toolsAdded = new CountDownLatch(1);
        transport.holdRequestsUntil(toolsAdded);
        java.util.concurrent.CompletableFuture<McpSyncServer> built = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                List<McpServerFeatures.SyncToolSpecification> specs = directTools(transport);
                McpSyncServer server = built.join();
                specs.forEach(server::addTool);
            } finally {
                toolsAdded.countDown();
            }
        }, "dsqlkit-mcp-tools");
        t.setDaemon(true);
        t.start();
        try {
            McpSyncServer server = configured(McpServer.sync(transport)).immediateExecution(true).build();
            built.complete(server);
            return server;
        } catch (RuntimeException | Error e) {
            built.completeExceptionally(e);
            throw e;
        }
    }

    public McpSyncServer start(McpStreamableServerTransportProvider transport) {
        return configured(McpServer.sync(transport)).tools(tools()).build();
    }

    /**
     * The SDK's default validator loads a full JSON Schema engine (~250 classes, a large share of
     * start-up). dsqlkit's tools declare no output schemas and check their own arguments
     * ({@link io.dsqlkit.mcp.tools.Args}), naming the bad argument in a tool error.
     */
    enum ArgumentsCheckedByTools implements io.modelcontextprotocol.json.schema.JsonSchemaValidator {
        INSTANCE;

        @Override
        public ValidationResponse validate(java.util.Map<String, Object> schema, Object value) {
            return ValidationResponse.asValid(null);
        }
    }

    /** The initialize answer the SDK server built by {@link #configured} gives through this transport. */
    Optional<InitializeAnswer> initializeAnswer(McpServerTransportProvider transport) {
        return InitializeAnswer.of(transport.protocolVersions(), capabilities(), new McpSchema.Implementation(NAME, VERSION), instructions());
    }

    private Duration timeout() {
        // wait_for_job may legitimately run for up to an hour
        return Duration.ofMinutes(65);
    }

    static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).logging().build();
    }

    String instructions() {
        StringBuilder sb = new StringBuilder();
        sb.append("Aurora DSQL (PostgreSQL 16-compatible, distributed, optimistic concurrency) via dsqlkit. Connected to: ")
                .append(database.description()).append(". ");
        sb.append(settings.writesAllowed() ? "Writes are allowed (execute, transact). "
                : "READ-ONLY: execute/transact writes are refused (the operator must restart with --allow-writes). ");
        if (settings.tenant() != null) {
            sb.append("Tenant-scoped to ").append(settings.tenantColumn()).append(" = '").append(settings.tenant())
                    .append("': every statement must filter each table that has ").append(settings.tenantColumn()).append(" by it. ");
        }
        sb.append("Start with get_schema. Use query for reads ($1 placeholders + parameters), execute for one DDL/DML ")
                .append("statement, transact for several statements in one transaction (OCC conflicts are retried). ")
                .append("DSQL rules: CREATE INDEX ASYNC only (then wait_for_job), one DDL per transaction, no DDL with DML, ")
                .append("<= 3,000 modified rows per transaction; check SQL with dsql_lint; read dsql_guide('constraints').");
        return sb.toString();
    }

    public List<DsqlTool> catalog() {
        return ToolCatalog.all();
    }
}
