package io.dsqlkit.mcp.tools;

import io.dsqlkit.client.LazyLogger;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.rules.Linter;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns {@link DsqlTool}s into MCP SDK tool specifications: builds the per-call context (tenant,
 * progress), and maps failures to {@code isError} results the agent can read. It retries only
 * tools that have no retry layer of their own (see {@link #callRetryingIfSafe}). SQL errors carry
 * SQLSTATE and message but never connection details; full SQL is logged only at debug level.
 */
public final class ToolAdapter {
    private static final LazyLogger log = new LazyLogger(ToolAdapter.class); // SLF4J starts when first used

    private final Database database;
    private final ServerSettings settings;
    private volatile Linter linter;
    /** What a call needs of a tool's definition, built once per tool (a definition builds its whole JSON schema). */
    private final Map<DsqlTool, Facts> facts = new ConcurrentHashMap<>();

    private record Facts(String name, boolean retrySafe) {
        static Facts of(McpSchema.Tool d) {
            McpSchema.ToolAnnotations a = d.annotations();
            return new Facts(d.name(), a != null && (Boolean.TRUE.equals(a.readOnlyHint()) || Boolean.TRUE.equals(a.idempotentHint())));
        }
    }

    public ToolAdapter(Database database, ServerSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    /** Built on first use: loading the rule catalog is not needed to answer {@code initialize}. */
    private Linter linter() {
        Linter l = linter;
        if (l == null) {
            synchronized (this) {
                if (linter == null) linter = new Linter(settings.profile());
                l = linter;
            }
        }
        return l;
    }

    public McpServerFeatures.SyncToolSpecification specification(DsqlTool tool) {
        McpSchema.Tool definition = tool.definition();
        facts.computeIfAbsent(tool, t -> Facts.of(definition));
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(definition)
                .callHandler((exchange, request) -> invoke(tool, exchange, request))
                .build();
    }

    /** Runs one call; also the entry point for in-process tests (exchange may be null). */
    public McpSchema.CallToolResult invoke(DsqlTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Map<String, Object> args = request.arguments() == null ? new HashMap<>() : new HashMap<>(request.arguments());
        long t0 = System.nanoTime();
        Facts f = facts.computeIfAbsent(tool, t -> Facts.of(t.definition()));
        InFlightCalls.started();
        try {
            ToolContext ctx = context(exchange, request, args);
            McpSchema.CallToolResult r = callRetryingIfSafe(tool, f.retrySafe(), ctx, args);
            // a successful call is logged at debug (a line per call would fill the client's stderr log);
            // refusals and failures stay at info, where an operator looks
            if (Boolean.TRUE.equals(r.isError())) {
                log.get().info("tool {} refused/failed in {} ms", f.name(), (System.nanoTime() - t0) / 1_000_000);
            } else {
                log.get().debug("tool {} ok in {} ms", f.name(), (System.nanoTime() - t0) / 1_000_000);
            }
            return r;
        } catch (io.dsqlkit.mcp.db.Refusal e) {
            log.get().info("tool {} refused: {}", f.name(), e.getMessage());
            return ToolResults.error(e.getMessage(), withAdvice(e.details(), e.getMessage()));
        } catch (SQLException e) {
            log.get().info("tool {} failed: SQLSTATE {} {}", f.name(), e.getSQLState(), e.getMessage());
            return ToolResults.error(e.getMessage() == null ? "database error" : e.getMessage(), withAdvice(sqlDetails(e), e.getMessage()));
        } catch (RuntimeException e) {
            log.get().warn("tool {} crashed", f.name(), e);
            return ToolResults.error("internal error in tool " + f.name() + " (" + e.getClass().getSimpleName()
                    + "); the server log has the details", Map.of());
        } finally {
            InFlightCalls.finished();
        }
    }

    /**
     * The retry layer for tools that have none inside: a tool that declares itself read-only or
     * idempotent is re-run as a whole when DSQL fails it with a retryable error (e.g. OC001 right
     * after a schema change, dsql-facts §3). Tools built on {@link io.dsqlkit.mcp.db.SqlExecutor}
     * retry inside their transaction and, when their attempts run out, throw an
     * {@link io.dsqlkit.client.OccRetry.OccRetryExhaustedException}, which is never retryable: so
     * each call has exactly one retry layer and at most {@code occRetry().maxAttempts()} attempts.
     */
    private McpSchema.CallToolResult callRetryingIfSafe(DsqlTool tool, boolean safe, ToolContext ctx, Map<String, Object> args)
            throws SQLException {
        if (!safe) return tool.call(ctx, new HashMap<>(args));
        return settings.occRetry().retrying(attempt -> tool.call(ctx, new HashMap<>(args)));
    }

    public McpSchema.CallToolResult invoke(DsqlTool tool, Map<String, Object> args) {
        return invoke(tool, null, new McpSchema.CallToolRequest(tool.name(), args));
    }

    private ToolContext context(McpSyncServerExchange exchange, McpSchema.CallToolRequest request, Map<String, Object> args) {
        String tenant = settings.tenant();
        Object callTenant = args.remove("tenant");
        if (callTenant != null) {
            if (!(callTenant instanceof String s) || s.isBlank()) throw ToolError.badArgument("tenant", "must be a non-empty string");
            if (tenant != null && !tenant.equals(s)) {
                throw new ToolError("this server is bound to one tenant (--tenant); a call may not name another",
                        Map.of("argument", "tenant"));
            }
            tenant = s;
        }
        return new ToolContext(database, settings, linter(), progress(exchange, request), tenant);
    }

    private static Progress progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        if (exchange == null || token == null) return Progress.NONE;
        return (done, total, message) -> {
            try {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total, message, null));
            } catch (RuntimeException e) {
                log.get().debug("progress notification dropped: {}", e.toString());
            }
        };
    }

    /** The details plus, for a DSQL limit or the statement timeout, which limit it was and what to do ({@link SqlErrorAdvice}). */
    private Map<String, Object> withAdvice(Map<String, Object> details, String message) {
        if (details.containsKey("fix") || !(details.get("sqlstate") instanceof String state)) return details;
        Map<String, Object> advice = SqlErrorAdvice.of(state, message, settings.statementTimeout());
        if (advice.isEmpty()) return details;
        Map<String, Object> m = new LinkedHashMap<>(details);
        m.putAll(advice);
        return m;
    }

    /** SQLSTATE, DSQL message and detail of a failure (never the URL, user or token); see {@link Refusal#sqlDetails}. */
    public static Map<String, Object> sqlDetails(SQLException e) {
        return io.dsqlkit.mcp.db.Refusal.sqlDetails(e);
    }
}
