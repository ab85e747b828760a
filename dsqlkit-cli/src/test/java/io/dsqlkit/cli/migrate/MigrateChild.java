package io.dsqlkit.cli.migrate;

import picocli.CommandLine;

/** {@code dsqlkit migrate ...} in a child JVM, for tests that signal the process. */
public final class MigrateChild {
    private MigrateChild() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new MigrateCommand()).execute(args));
    }
}
