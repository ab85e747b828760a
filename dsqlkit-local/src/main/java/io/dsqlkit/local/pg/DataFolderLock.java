package io.dsqlkit.local.pg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marks a data folder as owned by a running local DSQL: an exclusive lock on {@code dsqlkit.lock} in
 * the folder, held while its PostgreSQL runs. The operating system releases it when the JVM dies,
 * however it dies, so a lock that can be taken means whoever used the folder before is gone and any
 * PostgreSQL still running on it is an orphan.
 */
final class DataFolderLock implements AutoCloseable {
    static final String FILE = "dsqlkit.lock";

    /**
     * Lock files this JVM holds. Never open a second channel on one of them: on Linux, closing ANY
     * descriptor of a file drops every POSIX lock this process holds on it (FileChannel's documented
     * caveat), so probing a live folder from the same JVM (another DsqlLocal's sweep) would silently
     * release its lock, and the next sweep would delete the running server's data.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private DataFolderLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /** The folder's lock, or an error naming the problem when another running local DSQL holds it. */
    static DataFolderLock acquire(Path data) throws IOException {
        return tryAcquire(data).orElseThrow(() -> new IOException("the data folder " + data
                + " is in use by another running local DSQL (it holds " + data.resolve(FILE)
                + "); stop that one first, or choose another --data folder"));
    }

    /** The folder's lock if nobody holds it (empty when another process or this JVM does). */
    static Optional<DataFolderLock> tryAcquire(Path data) throws IOException {
        Path file = (java.nio.file.Files.isDirectory(data) ? data.toRealPath() : data.toAbsolutePath().normalize()).resolve(FILE);
        if (!HELD.add(file)) return Optional.empty(); // held by this JVM: a live server
        boolean locked = false;
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock l = ch.tryLock();
                if (l != null) {
                    locked = true;
                    return Optional.of(new DataFolderLock(ch, l, file));
                }
            } catch (OverlappingFileLockException e) {
                // held by this JVM through a path we did not recognise: a live server
            }
            ch.close();
            return Optional.empty();
        } finally {
            if (!locked) HELD.remove(file);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel is closed next, which releases it too
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        HELD.remove(file);
    }
}
