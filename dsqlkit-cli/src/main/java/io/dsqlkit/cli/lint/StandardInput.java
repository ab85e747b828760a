package io.dsqlkit.cli.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard input is a terminal (so {@code dsqlkit lint} without paths must not wait on it). */
final class StandardInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private StandardInput() {}

    static boolean isTerminal() {
        if (System.console() != null) return true;
        // Java 17 cannot ask about stdin alone; on Linux the fd link names the device.
        try {
            if (Files.isSymbolicLink(FD0)) {
                String target = Files.readSymbolicLink(FD0).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        return false;
    }
}
