package io.dsqlkit.mcp.db;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a result set into {@code {columns, rows, rowCount, truncated}} with at most {@code limit} rows. */
public final class ResultReader {
    private ResultReader() {}

    public static Map<String, Object> read(ResultSet rs, int limit) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] keys = new String[n];
        List<Map<String, Object>> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            String name = md.getColumnLabel(i);
            String key = name;
            for (int k = 2; !seen.add(key); k++) key = name + "_" + k; // SELECT 1 AS a, 2 AS a
            keys[i - 1] = key;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", key);
            c.put("type", md.getColumnTypeName(i));
            columns.add(c);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == limit) {
                truncated = true;
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) row.put(keys[i - 1], JsonValues.value(rs, i, md));
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("rowCount", rows.size());
        out.put("truncated", truncated);
        return out;
    }
}
