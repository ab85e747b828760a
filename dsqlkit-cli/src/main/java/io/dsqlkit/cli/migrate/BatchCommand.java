package io.dsqlkit.cli.migrate;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.migrate.batch.BatchPlan;
import io.dsqlkit.migrate.batch.BatchResult;
import io.dsqlkit.migrate.batch.BatchRunner;
import io.dsqlkit.migrate.batch.BatchSpec;
import io.dsqlkit.migrate.progress.TerminalProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run an UPDATE or DELETE over any number of rows in primary-key chunks under DSQL's transaction limits.",
                "DSQL commits at most 3,000 rows and 10 MiB per transaction, so each chunk is its own transaction with OCC retry, "
                        + "halved on 54000, and a re-run resumes from the checkpoint."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the batch failed (committed chunks stay; re-run to resume)", "2:usage error"})
public final class BatchCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--table", required = true, description = "Table to change (schema.table allowed).")
    String table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Operation operation;

    static final class Operation {
        @Option(names = "--set", paramLabel = "ASSIGNMENTS", description = "UPDATE: the SET clause, e.g. \"status = 'archived'\".")
        String set;

        @Option(names = "--delete", description = "DELETE the matching rows.")
        boolean delete;
    }

    @Option(names = "--where", paramLabel = "PREDICATE", description = "Which rows (default: all).")
    String where;

    @Option(names = "--chunk-size", defaultValue = "1000", description = "Rows per transaction, 1..2999 (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--job-id", description = "Checkpoint name; re-running with the same id resumes (default: derived from the statement).")
    String jobId;

    @Option(names = "--dry-run", description = "Report the row count and chunk plan; change nothing.")
    boolean dryRun;

    @Option(names = "--checkpoint-table", defaultValue = BatchRunner.DEFAULT_CHECKPOINT_TABLE, hidden = true)
    String checkpointTable;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return Connect.run(spec, connection, ds -> {
            BatchSpec b = new BatchSpec(table, operation.delete ? null : operation.set, where, chunkSize, jobId);
            BatchRunner runner = new BatchRunner(ds, checkpointTable, io.dsqlkit.client.OccRetry.defaults());
            if (dryRun) {
                BatchPlan plan = runner.plan(b);
                out.println(plan.describe());
                out.flush();
                return Connect.OK;
            }
            TerminalProgressBar bar = TerminalProgressBar.stderr();
            BatchResult r = runner.run(b, bar);
            bar.done();
            out.println(r.summary());
            out.flush();
            return Connect.OK;
        });
    }
}
