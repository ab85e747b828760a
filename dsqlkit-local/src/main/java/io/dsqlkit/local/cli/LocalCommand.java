package io.dsqlkit.local.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "local", mixinStandardHelpOptions = true, description = "Run a local Aurora DSQL: PostgreSQL 16 behind a DSQL-compatible gateway.")
public final class LocalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit local: not built yet");
        return 2;
    }
}
