package io.dsqlkit.migrate.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one object per line, checked against the target columns (--columns, or all the
 * table's columns): a missing key is NULL and an unknown key rejects the record (it would
 * silently drop data). Without columns the first object's keys are used (kept for direct use).
 */
final class JsonLinesRecordReader implements RecordReader {
    private final BufferedReader in;
    private List<String> columns;
    private long line;
    private final java.util.ArrayDeque<InputRecord> buffered = new java.util.ArrayDeque<>();

    JsonLinesRecordReader(BufferedReader in, List<String> columns) {
        this.in = in;
        this.columns = columns;
    }

    @Override
    public List<String> columns() throws IOException {
        if (columns == null) {
            // Peek the first parsable object for its keys.
            while (true) {
                String l = in.readLine();
                if (l == null) return columns = List.of();
                line++;
                if (l.isBlank()) continue;
                try {
                    Map<String, String> obj = JsonRecord.parse(l);
                    columns = List.copyOf(obj.keySet());
                    buffered.add(toRecord(line, l, obj));
                } catch (IllegalArgumentException e) {
                    buffered.add(InputRecord.bad(line, l, e.getMessage()));
                    continue; // the bad line is still returned by next(); keep looking for keys
                }
                return columns;
            }
        }
        return columns;
    }

    @Override
    public InputRecord next() throws IOException {
        if (columns == null) columns();
        if (!buffered.isEmpty()) return buffered.poll();
        while (true) {
            String l = in.readLine();
            if (l == null) return null;
            line++;
            if (l.isBlank()) continue;
            try {
                return toRecord(line, l, JsonRecord.parse(l));
            } catch (IllegalArgumentException e) {
                return InputRecord.bad(line, l, e.getMessage());
            }
        }
    }

    private InputRecord toRecord(long n, String raw, Map<String, String> obj) {
        for (String k : obj.keySet()) {
            if (!columns.contains(k)) return InputRecord.bad(n, raw, "unknown key \"" + k + "\": not a target column (the columns are " + columns + ")");
        }
        List<String> values = new ArrayList<>(columns.size());
        for (String c : columns) values.add(obj.get(c));
        return new InputRecord(n, values, raw, null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
