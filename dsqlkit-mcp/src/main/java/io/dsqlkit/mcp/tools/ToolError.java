package io.dsqlkit.mcp.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the agent should read and act on (returned as {@code isError: true}, never a protocol
 * error). {@code details} become fields of the structured result, e.g. rule id, SQLSTATE, fix.
 */
public final class ToolError extends RuntimeException {
    private final Map<String, Object> details;

    public ToolError(String message) {
        this(message, Map.of());
    }

    public ToolError(String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.details = new LinkedHashMap<>(details);
    }

    public Map<String, Object> details() {
        return details;
    }

    /** A missing or wrongly typed argument. */
    public static ToolError badArgument(String name, String problem) {
        return new ToolError("argument '" + name + "' " + problem, Map.of("argument", name));
    }
}
