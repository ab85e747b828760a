package io.dsqlkit.cli.lint;

import java.nio.file.Path;

/**
 * One thing to lint: a file (shown as {@code name}, the path as the user wrote it or as found under
 * a directory they named) or standard input ({@code path == null}, shown as {@code <stdin>}).
 */
record LintInput(String name, Path path) {
    static final String STDIN_NAME = "<stdin>";

    static LintInput stdin() {
        return new LintInput(STDIN_NAME, null);
    }

    static LintInput file(Path path) {
        return new LintInput(path.toString(), path);
    }

    boolean isStdin() {
        return path == null;
    }
}
