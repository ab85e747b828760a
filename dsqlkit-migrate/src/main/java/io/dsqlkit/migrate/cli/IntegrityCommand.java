package io.dsqlkit.migrate.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "integrity", mixinStandardHelpOptions = true, description = "Find orphaned rows for declared relationships.")
public final class IntegrityCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit integrity: not built yet");
        return 2;
    }
}
