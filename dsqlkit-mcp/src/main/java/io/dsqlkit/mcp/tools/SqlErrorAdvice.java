package io.dsqlkit.mcp.tools;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to tell an agent when DSQL refuses a statement on one of its per-transaction limits (54000,
 * dsql-facts §2) or this server's statement timeout cancels it (57014): which limit was hit
 * ({@code limit}) and what to do instead ({@code fix}). Errors it does not recognise get nothing.
 */
public final class SqlErrorAdvice {
    private static final String BATCHES = "split the work into transactions under the limit: the batch_execute tool runs an "
            + "UPDATE/DELETE in primary-key chunks and the insert_rows tool inserts many rows in batches (from a shell: "
            + "dsqlkit batch, and dsqlkit load for CSV/JSON files); each batch commits on its own and a run resumes where it stopped";

    /** One known limit: a text the DSQL message contains, the limit in words, the fix. */
    private record Entry(String sqlstate, String messagePart, String limit, String fix) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry("54000", "row limit", "DSQL modifies at most 3,000 rows per transaction", BATCHES),
            new Entry("54000", "size limit", "DSQL writes at most 10 MiB of data per transaction", BATCHES
                    + "; with wide rows use smaller batches (chunk_size)"),
            new Entry("54000", "age limit", "a DSQL transaction may last at most 5 minutes (300 s)", BATCHES
                    + "; keep each transaction short (no waiting or slow reads inside it)"));

    private SqlErrorAdvice() {}

    /** {@code limit} and {@code fix} for a known limit error, else an empty map. */
    public static Map<String, Object> of(String sqlstate, String message, Duration statementTimeout) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (sqlstate == null || message == null) return m;
        String text = message.toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.sqlstate.equals(sqlstate) && text.contains(e.messagePart)) {
                m.put("limit", e.limit);
                m.put("fix", e.fix);
                return m;
            }
        }
        // the server's client-side timeout cancels with a cancel request ("user request"); a server-side one says so
        if ("57014".equals(sqlstate) && (text.contains("user request") || text.contains("statement timeout"))) {
            m.put("limit", "this MCP server's statement timeout of " + statementTimeout.toSeconds() + " s per statement");
            m.put("fix", "make the statement cheaper (an index, a narrower WHERE, a LIMIT; explain shows the plan), or restart "
                    + "the server with a longer timeout: dsqlkit mcp --statement-timeout <seconds>");
        }
        return m;
    }
}
