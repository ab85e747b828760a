package io.dsqlkit.local.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL refuses to run as root ("initdb: cannot be run as root"). When this JVM is root we run
 * the server as the unprivileged {@code nobody} user through util-linux {@code setpriv}.
 */
final class RunAs {
    static final String USER = "nobody";
    static final String GROUP = "nogroup";

    private RunAs() {}

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code command} prefixed so that it runs unprivileged when we are root. */
    static List<String> wrap(List<String> command) {
        if (!isRoot()) return command;
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + GROUP, "--clear-groups",
                "--reset-env"));
        out.addAll(command);
        return out;
    }

    /** Makes {@code dir} (and its contents) owned by the server user when we are root. */
    static void handOver(Path dir) throws IOException {
        if (!isRoot()) return;
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        var user = lookup.lookupPrincipalByName(USER);
        var group = lookup.lookupPrincipalByGroupName(GROUP);
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setOwner(p, user);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }
}
