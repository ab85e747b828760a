package io.dsqlkit.mcp.tools;

import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.rules.Linter;

/**
 * What a tool call may use: the database (a fresh pooled connection per call), the server's
 * settings, the linter for the configured profile, progress reporting, and the tenant bound for
 * this call (server-wide {@code --tenant}, else the call's {@code tenant} argument, else none).
 */
public record ToolContext(Database database, ServerSettings settings, Linter linter, Progress progress, String tenant) {
    public ToolContext {
        if (progress == null) progress = Progress.NONE;
    }

    public ToolContext withTenant(String t) {
        return new ToolContext(database, settings, linter, progress, t);
    }
}
