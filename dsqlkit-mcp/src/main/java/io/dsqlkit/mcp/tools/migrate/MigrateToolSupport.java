package io.dsqlkit.mcp.tools.migrate;

import io.dsqlkit.mcp.tools.Args;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.mcp.tools.ToolError;
import io.dsqlkit.migrate.progress.ProgressListener;
import io.dsqlkit.migrate.schema.MigrateConfig;
import io.dsqlkit.migrate.schema.Migrator;
import io.dsqlkit.migrate.schema.SchemaHistory;

import java.nio.file.Path;
import java.util.Map;

/** What the migrate/batch/integrity tools share: the migrator from arguments, the write gate, progress. */
final class MigrateToolSupport {
    private MigrateToolSupport() {}

    static Migrator migrator(ToolContext ctx, Args a, boolean confirmed) {
        Path location = Path.of(a.optionalString("location", "db/migration"));
        try {
            // an empty or mistyped location must not read as "up to date"
            io.dsqlkit.migrate.schema.MigrationScanner.requireMigrations(location);
        } catch (java.io.IOException e) {
            throw new ToolError(e.getMessage() + " (argument 'location')", Map.of("argument", "location"));
        }
        String history = a.optionalString("history_table", SchemaHistory.DEFAULT_TABLE);
        try {
            new SchemaHistory(history); // validates the name: a plain lower-case [schema.]table, never SQL text
        } catch (IllegalArgumentException e) {
            throw ToolError.badArgument("history_table", "must be a plain lower-case name like dsqlkit_schema_history or "
                    + "ops.schema_history");
        }
        MigrateConfig cfg = MigrateConfig.defaults(location)
                .withHistoryTable(history)
                .withOutOfOrder(a.bool("out_of_order", false))
                .withProfile(ctx.linter().profile())
                .withConfirmed(confirmed)
                .withLog(progressLog(ctx));
        return new Migrator(io.dsqlkit.mcp.db.SessionHygiene.forWrites(ctx.database()), cfg);
    }

    /** Each executed statement as a progress notification (count of statements so far, no total). */
    static java.util.function.Consumer<String> progressLog(ToolContext ctx) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return line -> ctx.progress().report(n.incrementAndGet(), null, line.strip());
    }

    /** Schema changes cannot be limited to one tenant's rows: refused when the call is bound to a tenant. */
    static void refuseUnderTenant(ToolContext ctx, String what) {
        if (ctx.tenant() != null) {
            throw new ToolError("refused by tenant scope: " + what + " changes the schema for every tenant; run it from a "
                    + "server without --tenant", Map.of("tenant", true));
        }
    }

    static void requireWrites(ToolContext ctx, String what) {
        if (!ctx.settings().writesAllowed()) {
            throw new ToolError("the server is read-only: " + what + " would change the database. Restart it with "
                    + "--allow-writes to enable it.", Map.of("readOnly", true));
        }
    }

    /** Rows done/total as MCP progress notifications. */
    static ProgressListener progress(ToolContext ctx) {
        return p -> ctx.progress().report(p.done(), p.total() >= 0 ? (double) p.total() : null, p.describe());
    }

    /**
     * Under a tenant, job and load ids (checkpoints) live in the tenant's own namespace: no tenant can
     * resume or read another's job or load.
     */
    static String scopedJobId(ToolContext ctx, String jobId) {
        if (ctx.tenant() == null || jobId == null) return jobId;
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(ctx.tenant().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "tenant-" + java.util.HexFormat.of().formatHex(h, 0, 6) + "-" + jobId;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
