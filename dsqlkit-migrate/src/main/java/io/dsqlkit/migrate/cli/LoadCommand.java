package io.dsqlkit.migrate.cli;

import io.dsqlkit.client.ConnectionOptions;
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
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Bulk-load CSV, TSV or JSON lines with COPY FROM STDIN in chunks under DSQL's limits (rows and bytes),",
                "on N connections, resumable (a manifest of committed chunks), bad rows to a reject file with line numbers."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row loaded or rejected, and the table count verified",
                "1:the load stopped, or the final counts do not add up", "2:usage or I/O error"})
public final class LoadCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", description = "Input file (.csv, .tsv, .jsonl; .gz accepted).")
    Path file;

    @Option(names = "--table", required = true)
    String table;

    @Option(names = "--format", description = "csv, tsv or jsonl (default: from the file name).")
    String format;

    @Option(names = "--no-header", negatable = false, description = "CSV/TSV: the first line is data, not column names.")
    boolean noHeader;

    @Option(names = "--columns", split = ",", description = "Target columns in input order (default: the header, the first JSON object's keys, or all columns).")
    List<String> columns;

    @Option(names = "--parallel", defaultValue = "4", description = "Connections loading in parallel (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--chunk-rows", defaultValue = "" + LoadSpec.DEFAULT_ROWS, description = "Rows per transaction, at most 2999 (default ${DEFAULT-VALUE}).")
    int chunkRows;

    @Option(names = "--chunk-bytes", defaultValue = "" + LoadSpec.DEFAULT_BYTES, description = "Encoded bytes per transaction, at most 8 MiB (default ${DEFAULT-VALUE}).")
    long chunkBytes;

    @Option(names = "--rejects", description = "Reject file (default: FILE.rejects.csv).")
    Path rejects;

    @Option(names = "--load-id", description = "Manifest name; re-running with the same id resumes (default: from table, file, size and mtime).")
    String loadId;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return Connect.run(spec.commandLine().getErr(), () -> {
            LoadSpec s = LoadSpec.of(file, table);
            if (format != null) s = s.withFormat(LoadFormat.valueOf(format.toUpperCase(Locale.ROOT)));
            s = s.withHeader(!noHeader).withColumns(columns).withChunk(chunkRows, chunkBytes).withParallelism(parallel).withLoadId(loadId);
            if (rejects != null) s = s.withRejectFile(rejects);
            TerminalProgressBar bar = TerminalProgressBar.stderr();
            LoadReport r = new Loader(Connect.open(connection)).load(s, bar);
            bar.done();
            out.println(r.summary());
            out.flush();
            return r.accountedFor() && r.tableCountMatches() ? Connect.OK : Connect.FAILED;
        });
    }
}
