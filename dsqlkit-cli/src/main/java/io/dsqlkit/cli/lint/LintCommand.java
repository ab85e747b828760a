package io.dsqlkit.cli.lint;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "lint", mixinStandardHelpOptions = true, description = "Lint SQL for Aurora DSQL.")
public final class LintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("dsqlkit lint: not built yet");
        return 2;
    }
}
