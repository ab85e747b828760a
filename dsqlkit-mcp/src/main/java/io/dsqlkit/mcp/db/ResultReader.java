package io.dsqlkit.mcp.db;

import io.dsqlkit.mcp.server.ResultLimits;
import io.dsqlkit.mcp.tools.ToolResults;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a result set into {@code {columns, rows, rowCount, truncated[, truncatedReason, valuesCut]}},
 * bounded three ways: at most {@code rowLimit} rows, each value cut at {@link ResultLimits#valueBytes},
 * and the rows stopped once they would take more than {@link ResultLimits#resultBytes} in the response
 * (both copies: the structured rows and the text form, counted as the JSON bytes they become).
 * Rows are read as the driver fetches them ({@link #FETCH_ROWS} at a time inside a transaction), so
 * a huge would-be result never materializes; a single row bigger than the driver's fetch buffer
 * ends the read with {@code truncated} too, and {@link Rows#connectionSpoiled()} tells the caller
 * to drop the connection.
 * <p>
 * Each value is serialized exactly once, here: the compact text form ({@link Rows#lines()}, one JSON
 * array per row) is built from those bytes, and the structured form's size is derived from them.
 */
public final class ResultReader {
    /** Rows the driver fetches per round trip (pgjdbc uses a portal when autocommit is off). */
    public static final int FETCH_ROWS = 256;
    /** Appended to a value cut at the value byte limit. */
    public static final String CUT_MARK = "…[cut]";

    private ResultReader() {}

    public static Rows read(ResultSet rs, int rowLimit) throws SQLException {
        return read(rs, rowLimit, ResultLimits.defaults());
    }

    public static Rows read(ResultSet rs, int rowLimit, ResultLimits limits) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] keys = new String[n];
        String[] types = new String[n];
        int[] sqlTypes = new int[n];
        long keyBytes = 0;
        List<Map<String, Object>> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            String name = md.getColumnLabel(i);
            String key = name;
            for (int k = 2; !seen.add(key); k++) key = name + "_" + k; // SELECT 1 AS a, 2 AS a
            keys[i - 1] = key;
            keyBytes += JsonBytes.stringBytes(key) + 1; // "key":
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", key);
            types[i - 1] = JsonValues.typeName(rs, md, i);
            sqlTypes[i - 1] = md.getColumnType(i);
            c.put("type", types[i - 1]);
            columns.add(c);
        }
        Rows out = new Rows();
        String header = ToolResults.json(List.of(keys));
        long used = JsonBytes.utf8(header) * 2L + JsonBytes.escapedInString(header) + 2;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add(header);
        String reason = null;
        int cut = 0;
        String[] encoded = new String[n];
        while (true) {
            try {
                if (!rs.next()) break;
            } catch (SQLException e) {
                if (!tooLargeForDriver(e)) throw e;
                out.connectionSpoiled = true;
                reason = tooLargeReason(e);
                break;
            }
            if (rows.size() == rowLimit) {
                reason = "more than " + rowLimit + " rows (the row limit); add LIMIT/WHERE, ORDER BY + LIMIT to page, or aggregate";
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            StringBuilder line = new StringBuilder().append('[');
            long valueBytes = 0;
            int cutInRow = 0;
            for (int i = 0; i < n; i++) {
                Object v = JsonValues.value(rs, i + 1, types[i], sqlTypes[i]);
                String js = ToolResults.json(v); // each value once (PlainJson when it can)
                if (JsonBytes.utf8(js) > limits.valueBytes()) {
                    v = cutValue(v instanceof String s ? s : js, limits.valueBytes());
                    js = ToolResults.json(v);
                    cutInRow++;
                }
                encoded[i] = js;
                valueBytes += JsonBytes.utf8(js);
                if (i > 0) line.append(',');
                line.append(js);
                row.put(keys[i], v);
            }
            String text = line.append(']').toString();
            long structured = 2 + Math.max(0, n - 1) + keyBytes + valueBytes + 1;
            long rowBytes = structured + JsonBytes.escapedInString(text) + 2;
            if (used + rowBytes > limits.resultBytes()) {
                reason = "the rows exceed " + mib(limits.resultBytes()) + " (the result size limit) after " + rows.size()
                        + " rows; select fewer or narrower columns, or page with ORDER BY + LIMIT";
                break;
            }
            used += rowBytes;
            cut += cutInRow;
            rows.add(row);
            lines.add(text);
        }
        out.lines = lines;
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("rowCount", rows.size());
        out.put("truncated", reason != null);
        if (reason != null) out.put("truncatedReason", reason);
        if (cut > 0) {
            out.put("valuesCut", cut);
            out.put("valuesCutReason", cut + " value" + (cut == 1 ? " was" : "s were") + " longer than " + kib(limits.valueBytes())
                    + " and cut (they end with " + CUT_MARK + "); select substrings or lengths to see them");
        }
        return out;
    }

    /** The result of a read whose first fetch the driver refused (a row bigger than its fetch buffer). */
    static Rows tooLarge(SQLException e) {
        Rows out = new Rows();
        out.connectionSpoiled = true;
        out.put("columns", List.of());
        out.put("rows", List.of());
        out.put("rowCount", 0);
        out.put("truncated", true);
        out.put("truncatedReason", tooLargeReason(e));
        return out;
    }

    private static String tooLargeReason(SQLException e) {
        return "a row is larger than the " + mib(limitOf(e)) + " the server reads at once; select fewer or "
                + "narrower columns (e.g. left(col, 1000), length(col))";
    }

    /** pgjdbc's maxResultBuffer: the driver refused to buffer a fetch, the stream is off its message boundary. */
    public static boolean tooLargeForDriver(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("maxResultBuffer");
    }

    private static long limitOf(SQLException e) {
        String m = e.getMessage();
        int i = m.lastIndexOf(':');
        try {
            return Long.parseLong(m.substring(i + 1).trim());
        } catch (RuntimeException ex) {
            return 0;
        }
    }

    /** The longest prefix of {@code s} whose JSON form fits in {@code limit} bytes with the mark, never splitting a pair. */
    static String cutValue(String s, int limit) {
        long budget = limit - JsonBytes.utf8(CUT_MARK) - 2; // the quotes
        long used = 0;
        int end = 0;
        while (end < s.length()) {
            char c = s.charAt(end);
            int len = Character.isHighSurrogate(c) && end + 1 < s.length() ? 2 : 1;
            long cost = JsonBytes.escapedChars(s, end, end + len);
            if (used + cost > budget) break;
            used += cost;
            end += len;
        }
        return s.substring(0, end) + CUT_MARK;
    }

    private static String mib(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private static String kib(long bytes) {
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    /**
     * A read result: the structured map plus its compact text lines (a header of column names, then
     * one JSON array per row), built from the same serialized bytes.
     */
    public static final class Rows extends LinkedHashMap<String, Object> {
        private transient List<String> lines = List.of();
        private transient boolean connectionSpoiled;

        public List<String> lines() {
            return lines;
        }

        /** True when the driver gave up mid-message: the connection must not be reused. */
        public boolean connectionSpoiled() {
            return connectionSpoiled;
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> rows() {
            return (List<Map<String, Object>>) get("rows");
        }
    }
}
