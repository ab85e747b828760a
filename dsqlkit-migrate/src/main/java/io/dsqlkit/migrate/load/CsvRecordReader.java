package io.dsqlkit.migrate.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as PostgreSQL's COPY reads it: quoted fields may span lines and double their
 * quotes; an unquoted empty field is NULL, a quoted empty field ("") is the empty string. Blank
 * lines are skipped. Line numbers count physical lines.
 */
final class CsvRecordReader implements RecordReader {
    private final BufferedReader in;
    private final char delimiter;
    private final boolean header;
    private List<String> columns;
    private boolean headerRead;
    private long line; // physical lines consumed so far
    private int pending = -2; // one char of lookahead; -2 = none

    CsvRecordReader(BufferedReader in, char delimiter, boolean header) {
        this.in = in;
        this.delimiter = delimiter;
        this.header = header;
    }

    @Override
    public List<String> columns() throws IOException {
        if (header && !headerRead) {
            headerRead = true;
            InputRecord r = next();
            if (r == null) return columns = List.of();
            if (r.problem() != null) throw new IOException("bad CSV header: " + r.problem());
            columns = r.values().stream().map(v -> v == null ? "" : v.trim()).toList();
        }
        return columns;
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public InputRecord next() throws IOException {
        if (header && !headerRead) columns();
        while (true) {
            long start = line + 1;
            StringBuilder raw = new StringBuilder();
            List<String> values = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean inQuotes = false;
            boolean any = false;
            String problem = null;
            int c;
            while (true) {
                c = read();
                if (c == -1) {
                    if (inQuotes) problem = "unterminated quoted field";
                    break;
                }
                any = true;
                char ch = (char) c;
                if (inQuotes) {
                    raw.append(ch);
                    if (ch == '"') {
                        int n = read();
                        if (n == '"') {
                            raw.append('"');
                            field.append('"');
                        } else {
                            inQuotes = false;
                            pending = n;
                        }
                    } else {
                        if (ch == '\n') line++;
                        field.append(ch);
                    }
                    continue;
                }
                if (ch == '\r') {
                    int n = read();
                    if (n != '\n') pending = n;
                    ch = '\n';
                }
                if (ch == '\n') {
                    line++;
                    break;
                }
                raw.append(ch);
                if (ch == delimiter) {
                    values.add(quoted ? field.toString() : field.isEmpty() ? null : field.toString());
                    field.setLength(0);
                    quoted = false;
                } else if (ch == '"' && field.isEmpty() && !quoted) {
                    quoted = true;
                    inQuotes = true;
                } else if (ch == '"' && problem == null) {
                    problem = "stray quote in an unquoted field";
                    field.append(ch);
                } else {
                    field.append(ch);
                }
            }
            if (!any) return null;
            if (raw.isEmpty() && c != -1 || raw.isEmpty() && c == -1 && values.isEmpty() && field.isEmpty() && !quoted) {
                if (c == -1) return null;
                continue; // blank line
            }
            values.add(quoted ? field.toString() : field.isEmpty() ? null : field.toString());
            if (c == -1 && line < start) line = start; // last line without a newline
            return problem != null ? InputRecord.bad(start, raw.toString(), problem) : new InputRecord(start, values, raw.toString(), null);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
