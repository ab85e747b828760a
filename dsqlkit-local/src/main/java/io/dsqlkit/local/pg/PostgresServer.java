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
 * A real PostgreSQL 16 server process on a loopback port: initdb on first use of a data folder,
 * start, readiness check, fast shutdown. The server listens on 127.0.0.1 only and trusts local
 * connections (it is private to the gateway and to tests; the gateway does authentication).
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
    private volatile boolean closed;

    private PostgresServer(Path home, Path dataDir, int port, Path logFile, Process process, boolean deleteOnClose,
                           Options options) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
        this.deleteOnClose = deleteOnClose;
        this.options = options;
    }

    /** Options for {@link #start(Options)}. {@code dataDir == null} means a fresh temporary cluster deleted on close. */
    public record Options(Path dataDir, int port, Map<String, String> settings, Duration startTimeout) {
        public static Options ephemeral() {
            return new Options(null, 0, Map.of(), Duration.ofSeconds(60));
        }

        public Options withDataDir(Path d) {
            return new Options(d, port, settings, startTimeout);
        }

        public Options withPort(int p) {
            return new Options(dataDir, p, settings, startTimeout);
        }

        public Options withSettings(Map<String, String> s) {
            return new Options(dataDir, port, s, startTimeout);
        }
    }

    public static PostgresServer start(Options options) {
        try {
            boolean ephemeral = options.dataDir() == null;
            Path data = ephemeral ? Files.createTempDirectory(runRoot(), "data-") : options.dataDir().toAbsolutePath();
            return launch(options, data, options.port() > 0 ? options.port() : freePort(), ephemeral);
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
        return launch(options, dataDir, port, deleteOnClose);
    }

    /** Completes when the server process exits, for whatever reason. */
    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    private static PostgresServer launch(Options options, Path data, int port, boolean ephemeral) {
        Path home = PostgresBinaries.install();
        try {
            Files.createDirectories(data);
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(data.resolve("PG_VERSION"))) initdb(home, data);
            Path log = data.resolve("server.log");
            List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port)));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("listen_addresses", "127.0.0.1");
            settings.put("unix_socket_directories", data.toString());
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
            ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(cmd));
            pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process p = pb.start();
            PostgresServer server = new PostgresServer(home, data, port, log, p, ephemeral, options);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dsqlkit-postgres-stop"));
            server.awaitReady(options.startTimeout());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
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
        List<String> cmd = List.of(home.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        ProcessBuilder pb = new ProcessBuilder(RunAs.wrap(cmd)).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", home.resolve("lib").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) throw new IOException("initdb failed: " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during initdb", e);
        }
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
        p.setProperty("password", "");
        return DriverManager.getConnection(jdbcUrl(), p);
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
                Process stop = pb.start();
                stop.waitFor();
                if (process.isAlive() && !process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            if (deleteOnClose) PostgresBinaries.deleteTree(dataDir);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
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
