package io.dsqlkit.cli.migrate;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.migrate.load.LoadFormat;
import io.dsqlkit.migrate.load.LoadReport;
import io.dsqlkit.migrate.load.LoadSpec;
import io.dsqlkit.migrate.load.Loader;
import io.dsqlkit.migrate.progress.TerminalProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Bulk-load CSV, TSV or JSON lines with COPY FROM STDIN in chunks under DSQL's transaction limits.",
                "Chunks stay under DSQL's row and byte limits and load on N connections; the load is resumable (a manifest of "
                        + "committed chunks), and bad rows go to a reject file with their line numbers and reasons."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row loaded (or rejected within --max-rejects), and the table count verified",
                "1:rows were rejected (without --max-rejects), the load stopped, or the final counts do not add up",
                "2:usage or I/O error"})
public final class LoadCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", description = "Input file (.csv, .tsv, .jsonl; .gz accepted).")
    Path file;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "Table to load into (schema.table allowed); it must exist.")
    String table;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "One of ${COMPLETION-CANDIDATES} (default: from the file name).")
    LoadFormat format;

    @Option(names = "--no-header", negatable = false, description = "CSV/TSV: the first line is data, not column names.")
    boolean noHeader;

    @Option(names = "--columns", split = ",", description = "Target columns in input order (default: the CSV/TSV header, or all the table's columns; JSON keys must be columns of the table).")
    List<String> columns;

    @Option(names = "--parallel", defaultValue = "4", description = "Connections loading in parallel (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--chunk-rows", defaultValue = "" + LoadSpec.DEFAULT_ROWS, description = "Rows per transaction, at most 2999 (default ${DEFAULT-VALUE}).")
    int chunkRows;

    @Option(names = "--chunk-bytes", defaultValue = "" + LoadSpec.DEFAULT_BYTES, description = "Encoded bytes per transaction, at most 8 MiB (default ${DEFAULT-VALUE}).")
    long chunkBytes;

    @Option(names = "--rejects", description = "Reject file (default: FILE.rejects.csv).")
    Path rejects;

    @Option(names = "--max-rejects", paramLabel = "N",
            description = "Accept up to N rejected rows (exit 0) and stop the load with exit 1 when more are rejected. "
                    + "Without it every good row is loaded and any rejected row makes the exit code 1.")
    Long maxRejects;

    @Option(names = "--load-id", description = "Manifest name; re-running with the same id resumes (default: from table, file, size and mtime).")
    String loadId;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return Connect.run(spec, connection, ds -> {
            if (!java.nio.file.Files.isRegularFile(file)) throw new java.nio.file.NoSuchFileException(file.toString());
            LoadSpec s = LoadSpec.of(file, table, format != null ? format : LoadFormat.fromFileName(file));
            s = s.withHeader(!noHeader).withColumns(columns).withChunk(chunkRows, chunkBytes).withParallelism(parallel).withLoadId(loadId);
            if (rejects != null) s = s.withRejectFile(rejects);
            if (maxRejects != null) s = s.withMaxRejects(maxRejects);
            TerminalProgressBar bar = TerminalProgressBar.stderr();
            LoadReport r;
            try {
                r = new Loader(ds).load(s, bar);
            } finally {
                bar.done();
            }
            out.println(r.summary());
            out.flush();
            if (r.rejected() > 0 && maxRejects == null) {
                err.println("error: " + r.rejected() + " row(s) rejected (see " + r.rejectFile() + "); pass --max-rejects N to "
                        + "accept up to N rejected rows");
                return Connect.FAILED;
            }
            return r.accountedFor() && r.tableCountMatches() ? Connect.OK : Connect.FAILED;
        });
    }
}
