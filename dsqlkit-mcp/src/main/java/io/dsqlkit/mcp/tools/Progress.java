package io.dsqlkit.mcp.tools;

/**
 * Progress of a long tool call (index builds, migrations, batches), sent to the agent as MCP
 * progress notifications when it asked for them (a progressToken in the request), else dropped.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, message) -> {};

    /** @param total null when unknown */
    void report(double done, Double total, String message);
}
