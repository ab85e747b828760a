package io.dsqlkit.migrate.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tab-separated values in PostgreSQL's text COPY convention: one record per line, {@code \N} is
 * NULL, and backslash escapes ({@code \t \n \r \\}) stand for those characters.
 */
final class TsvRecordReader implements RecordReader {
    private final BufferedReader in;
    private final boolean header;
    private List<String> columns;
    private boolean headerRead;
    private long line;

    TsvRecordReader(BufferedReader in, boolean header) {
        this.in = in;
        this.header = header;
    }

    @Override
    public List<String> columns() throws IOException {
        if (header && !headerRead) {
            headerRead = true;
            String h = in.readLine();
            line++;
            columns = h == null ? List.of() : List.of(h.split("\t", -1)).stream().map(String::trim).toList();
        }
        return columns;
    }

    @Override
    public InputRecord next() throws IOException {
        if (header && !headerRead) columns();
        while (true) {
            String l = in.readLine();
            if (l == null) return null;
            line++;
            if (l.isEmpty()) continue;
            List<String> values = new ArrayList<>();
            String problem = null;
            for (String f : l.split("\t", -1)) {
                if (f.equals("\\N")) {
                    values.add(null);
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < f.length(); i++) {
                    char c = f.charAt(i);
                    if (c != '\\' || i + 1 == f.length()) {
                        sb.append(c);
                        continue;
                    }
                    char e = f.charAt(++i);
                    switch (e) {
                        case 't' -> sb.append('\t');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case '\\' -> sb.append('\\');
                        default -> sb.append(e);
                    }
                }
                values.add(sb.toString());
            }
            return new InputRecord(line, values, l, problem);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
