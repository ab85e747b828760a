package io.dsqlkit.local.pg;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How PostgreSQL's programs are started, through util-linux {@code setpriv}:
 * <ul>
 * <li>PostgreSQL refuses to run as root ("initdb: cannot be run as root"), so when this JVM is root
 *     they run as the unprivileged {@code nobody} user;</li>
 * <li>they get a parent-death signal ({@code --pdeathsig INT}: PostgreSQL's fast shutdown), so a
 *     killed JVM ({@code kill -9}) does not leave its PostgreSQL running. Linux sends that signal when
 *     the <em>thread</em> that started the child ends, so every start goes through one long-lived
 *     launcher thread that lives as long as the JVM.</li>
 * </ul>
 * Without {@code setpriv} (not Linux, or a minimal image) programs start directly: no parent-death
 * signal, and the next start on the same data folder stops what a killed run left behind.
 */
final class RunAs {
    static final String USER = "nobody";
    static final String GROUP = "nogroup";
    private static final String SETPRIV = findSetpriv();
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dsqlkit-postgres-launcher");
        t.setDaemon(true);
        return t;
    });

    private RunAs() {}

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether started programs die with this JVM (parent-death signal available). */
    static boolean diesWithParent() {
        return SETPRIV != null;
    }

    /** {@code command} prefixed so that it runs unprivileged when we are root, and dies with this JVM. */
    static List<String> wrap(List<String> command) {
        if (SETPRIV == null) {
            if (isRoot()) throw new IllegalStateException("running as root needs util-linux setpriv to start PostgreSQL as "
                    + USER + "; install util-linux or run as an unprivileged user");
            return command;
        }
        List<String> out = new ArrayList<>(List.of(SETPRIV, "--pdeathsig", "INT"));
        if (isRoot()) out.addAll(List.of("--reuid=" + USER, "--regid=" + GROUP, "--clear-groups", "--reset-env"));
        out.addAll(command);
        return out;
    }

    /** Starts {@code pb} (already {@link #wrap wrapped}) from the launcher thread, see the class comment. */
    static Process start(ProcessBuilder pb) throws IOException {
        try {
            return LAUNCHER.submit(pb::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + pb.command().get(0), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        }
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

    private static String findSetpriv() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        if (path != null) dirs.addAll(0, List.of(path.split(File.pathSeparator)));
        for (String d : dirs) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, "setpriv");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
