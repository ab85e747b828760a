package io.dsqlkit.mcp.db;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement or call this package will not run, said so the agent can act on it: the problem, the
 * DSQL rule behind it and the fix. {@code details} become fields of the structured tool result, e.g.
 * rule id, SQLSTATE, fix. The tool layer reports it as a result with {@code isError: true}, never a
 * protocol error ({@link io.dsqlkit.mcp.tools.ToolError} is the tools' own kind of it).
 */
public class Refusal extends RuntimeException {
    private final Map<String, Object> details;

    public Refusal(String message) {
        this(message, Map.of());
    }

    public Refusal(String message, Map<String, ?> details) {
        super(message, null, false, false);
        this.details = new LinkedHashMap<>(details);
    }

    public Map<String, Object> details() {
        return details;
    }

    /** SQLSTATE, DSQL message and detail of a failure (never the URL, user or token). */
    public static Map<String, Object> sqlDetails(SQLException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.getSQLState() != null) m.put("sqlstate", e.getSQLState());
        if (e instanceof io.dsqlkit.client.OccRetry.OccRetryExhaustedException x) {
            m.put("attempts", x.attempts());
            m.put("retried", "the server already retried this call " + x.attempts() + " times");
        }
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            var sem = p.getServerErrorMessage();
            if (sem.getDetail() != null) m.put("detail", sem.getDetail());
            if (sem.getHint() != null) m.put("hint", sem.getHint());
            if (sem.getPosition() > 0) m.put("position", sem.getPosition());
        }
        return m;
    }
}
