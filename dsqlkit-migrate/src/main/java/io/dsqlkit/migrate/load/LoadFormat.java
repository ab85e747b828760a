package io.dsqlkit.migrate.load;

import java.nio.file.Path;
import java.util.Locale;

public enum LoadFormat {
    CSV, TSV, JSONL;

    public static LoadFormat fromFileName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        if (n.endsWith(".csv")) return CSV;
        if (n.endsWith(".tsv") || n.endsWith(".tab")) return TSV;
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) return JSONL;
        throw new IllegalArgumentException("cannot tell the format of " + file.getFileName()
                + " from its name; pass --format csv|tsv|jsonl");
    }
}
