package io.dsqlkit.local.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real PostgreSQL 16 server process: initdb on first use of a data folder, start, readiness
 * check, fast shutdown. It is private to the gateway: roles log in through a Unix socket in the
 * private (0700) data folder without a password; on 127.0.0.1 only the superuser logs in, with a
 * generated password ({@link SuperuserSecret}). It dies with this JVM ({@link RunAs}); a start takes
 * over a folder a dead run left behind ({@link StaleServer}) and sweeps dead ephemeral run folders
 * ({@link RunFolders}). While it runs, its data folder is locked ({@link DataFolderLock}).
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final Path home;
    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final boolean deleteOnClose;
    private final Options options;
    private final DataFolderLock lock;
    private final String password;
    private final Path socketDir;
    private volatile boolean closed;

    private PostgresServer(Path home, Path dataDir, int port, Path logFile, Process process, boolean deleteOnClose,
                           Options options, DataFolderLock lock, String password, Path socketDir) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
        this.deleteOnClose = deleteOnClose;
        this.options = options;
        this.lock = lock;
        this.password = password;
        this.socketDir = socketDir;
    }

    /** Options for {@link #start(Options)}. {@code dataDir == null} means a fresh temporary cluster deleted on close. */
    public record Options(Path dataDir, int port, Map<String, String> settings, Duration startTimeout) {
        public static Options ephemeral() {
            return new Options(null, 0, Map.of(), Duration.ofSeconds(60));
        }

        public Options withDataDir(Path d) {
            return new Options(d, port, settings, startTimeout);
        }

        public Options withSettings(Map<String, String> s) {
            return new Options(dataDir, port, s, startTimeout);
        }
    }

    public static PostgresServer start(Options options) {
        try {
            boolean ephemeral = options.dataDir() == null;
            Path root = runRoot();
            RunFolders.sweep(root, PostgresBinaries.install());
            Path data = ephemeral ? Files.createTempDirectory(root, RunFolders.PREFIX) : options.dataDir().toAbsolutePath();
            return launch(options, data, options.port() > 0 ? options.port() : freePort(), ephemeral, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * After this server's process died (crash, kill): a new process on the same data folder and port,
     * so clients of the gateway can reconnect to the same address. This instance becomes inert.
     */
    public synchronized PostgresServer restart() {
        if (process.isAlive()) throw new IllegalStateException("PostgreSQL is still running (pid " + process.pid() + ")");
        closed = true;
        return launch(options, dataDir, port, deleteOnClose, lock, socketDir);
    }

    /** Completes when the server process exits, for whatever reason. */
    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * {@code heldLock} and {@code heldSocketDir}: the folder's lock and the socket's folder when restarting
     * (kept, so the gateway finds the socket where it was), null on a first start.
     */
    private static PostgresServer launch(Options options, Path data, int port, boolean ephemeral, DataFolderLock heldLock,
                                         Path heldSocketDir) {
        Path home = PostgresBinaries.install();
        DataFolderLock lock = heldLock;
        Path socketDir = null;
        try {
            Files.createDirectories(data);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(data.resolve("PG_VERSION"))) initdb(home, data);
            if (lock == null) lock = DataFolderLock.acquire(data);
            StaleServer.clear(home, data);
            String password = SuperuserSecret.ensure(home, data);
            SuperuserSecret.writeHba(data);
            socketDir = heldSocketDir != null ? heldSocketDir : socketDir(data, port);
            Path log = data.resolve("server.log");
            List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port)));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("listen_addresses", "127.0.0.1");
            settings.put("unix_socket_directories", socketDir.toString());
            settings.put("unix_socket_permissions", "0700");
            settings.put("max_connections", "400");
            settings.put("shared_buffers", "128MB");
            settings.put("timezone", "UTC");
            settings.put("log_timezone", "UTC");
            if (ephemeral) {
                settings.put("fsync", "off");
                settings.put("synchronous_commit", "off");
                settings.put("full_page_writes", "off");
            }
            settings.putAll(options.settings());
            settings.forEach((k, v) -> {
                cmd.add("-c");
                cmd.add(k + "=" + v);
            });
            RunAs.handOver(data);
            if (!socketDir.equals(data)) RunAs.handOver(socketDir);
            ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(cmd));
            pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = RunAs.start(pb);
            PostgresServer server = new PostgresServer(home, data, port, log, p, ephemeral, options, lock, password, socketDir);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dsqlkit-postgres-stop"));
            server.awaitReady(options.startTimeout());
            return server;
        } catch (IOException e) {
            if (heldLock == null && lock != null) lock.close();
            if (heldSocketDir == null && socketDir != null && !socketDir.equals(data)) deleteQuietly(socketDir);
            throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * The data folder itself (private, 0700) unless the socket's path would pass the 107-byte limit of
     * Unix socket addresses; then a private temporary folder.
     */
    private static Path socketDir(Path data, int port) throws IOException {
        if ((data + "/.s.PGSQL." + port).getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 100) return data;
        return Files.createTempDirectory("dsqlkit-pg-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static void deleteQuietly(Path dir) {
        try {
            PostgresBinaries.deleteTree(dir);
        } catch (IOException ignored) {
            // a leftover empty temporary folder
        }
    }

    /** Where ephemeral clusters live; outside /root when root, so the unprivileged server user can reach it. */
    static Path runRoot() throws IOException {
        Path root = PostgresBinaries.cacheRoot().resolve("run");
        Files.createDirectories(root);
        if (RunAs.isRoot()) {
            for (Path p = root; p != null && p.startsWith(PostgresBinaries.cacheRoot().getParent()); p = p.getParent()) {
                p.toFile().setExecutable(true, false);
                p.toFile().setReadable(true, false);
            }
        }
        return root;
    }

    private static void initdb(Path home, Path data) throws IOException {
        RunAs.handOver(data);
        String password = SuperuserSecret.generate();
        Path pwfile = SuperuserSecret.passwordFile(runRoot(), password);
        try {
            List<String> cmd = List.of(home.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C",
                    "--no-sync");
            ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(cmd)).redirectErrorStream(true);
            pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
            Process p = RunAs.start(pb);
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IOException("initdb failed: " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during initdb", e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        SuperuserSecret.remember(data, password);
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("PostgreSQL exited with code " + process.exitValue() + "; log " + logFile + ":\n" + tailLog());
            }
            if (portOpen()) {
                try (Connection c = connect()) {
                    return;
                } catch (SQLException e) {
                    last = e; // "the database system is starting up"
                }
            }
            sleep(50);
        }
        close();
        throw new IOException("PostgreSQL did not become ready in " + timeout.toSeconds() + "s"
                + (last != null ? " (" + last.getMessage() + ")" : "") + "; log:\n" + tailLog());
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A superuser connection to database {@code postgres}. */
    public Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    /** The superuser's password (TCP logins need it; for benchmarks and tools that compare against PostgreSQL). */
    public String superuserPassword() {
        return password;
    }

    /** The Unix socket every role may log in through without a password (in a folder only this user can reach). */
    public Path socket() {
        return socketDir.resolve(".s.PGSQL." + port);
    }

    /** The postmaster's process id. */
    public long pid() {
        return process.pid();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path home() {
        return home;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String tailLog() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Fast shutdown (SIGINT semantics through pg_ctl), then deletes an ephemeral data folder. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (process.isAlive()) {
                ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(List.of(home.resolve("bin/pg_ctl").toString(), "stop",
                        "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "20"))).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
                Process stop = RunAs.start(pb);
                stop.waitFor();
                if (process.isAlive() && !process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            if (deleteOnClose) PostgresBinaries.deleteTree(dataDir);
            if (!socketDir.equals(dataDir)) deleteQuietly(socketDir);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            lock.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
