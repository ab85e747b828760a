package io.dsqlkit.migrate.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true, description = "Bulk-load CSV, TSV or JSON lines under DSQL's limits.")
public final class LoadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit load: not built yet");
        return 2;
    }
}
