package io.dsqlkit.migrate.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "batch", mixinStandardHelpOptions = true, description = "Run an UPDATE or DELETE in chunks under DSQL's transaction limits.")
public final class BatchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit batch: not built yet");
        return 2;
    }
}
