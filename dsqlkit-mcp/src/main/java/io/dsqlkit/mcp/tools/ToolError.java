package io.dsqlkit.mcp.tools;

import io.dsqlkit.mcp.db.Refusal;

import java.util.Map;

/**
 * A failure of a tool call the agent should read and act on (returned as {@code isError: true},
 * never a protocol error): a bad argument, a refused request. {@code details} become fields of the
 * structured result. Refusals of the {@code db} layer arrive as plain {@link Refusal}s.
 */
public final class ToolError extends Refusal {
    public ToolError(String message) {
        super(message);
    }

    public ToolError(String message, Map<String, ?> details) {
        super(message, details);
    }

    /** A missing or wrongly typed argument. */
    public static ToolError badArgument(String name, String problem) {
        return new ToolError("argument '" + name + "' " + problem, Map.of("argument", name));
    }
}
