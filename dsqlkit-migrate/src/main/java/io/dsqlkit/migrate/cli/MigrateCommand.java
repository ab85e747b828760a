package io.dsqlkit.migrate.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true, description = "DSQL-native schema migrations.")
public final class MigrateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit migrate: not built yet");
        return 2;
    }
}
