package io.dsqlkit.migrate.load;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Reads input records one at a time, keeping memory flat for any file size. */
public interface RecordReader extends Closeable {
    /** Column names from the header (CSV/TSV with a header) or the first object (JSON lines); null when unknown. */
    List<String> columns() throws IOException;

    /** The next record, or null at the end. */
    InputRecord next() throws IOException;

    static RecordReader of(LoadFormat format, BufferedReader in, boolean header, List<String> columns) throws IOException {
        return switch (format) {
            case CSV -> new CsvRecordReader(in, ',', header);
            case TSV -> new TsvRecordReader(in, header);
            case JSONL -> new JsonLinesRecordReader(in, columns);
        };
    }
}
