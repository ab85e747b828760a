package io.dsqlkit.cli;

import picocli.CommandLine;

/** The {@code dsqlkit} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return DsqlkitCommand.commandLineFor(args).execute(args);
    }
}
