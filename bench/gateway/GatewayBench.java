import io.dsqlkit.local.DsqlLocal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench through the dsqlkit gateway vs directly against the same PostgreSQL and vs PgBouncer (session
 * pooling, the proxy ceiling) in front of the same PostgreSQL: same run, same clients/threads/duration, the
 * three targets interleaved round by round (rotated order), medians reported; then the gateway's memory per
 * idle connection. Run via run.sh.
 */
public class GatewayBench {
    static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    static final Pattern LAT = Pattern.compile("latency average = ([0-9.]+) ms");

    record Run(double tps, double latencyMs, String failed) {}

    record Target(String name, int port, String user) {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 8);
        int threads = Integer.getInteger("threads", 2);
        int seconds = Integer.getInteger("seconds", 15);
        int rounds = Integer.getInteger("rounds", 3);
        int warmup = Integer.getInteger("warmup", 5);
        // seconds of the second warm-up run, on new connections (see the rounds below)
        int rewarm = warmup > 0 ? Math.max(1, warmup / 2) : 0;
        int idle = Integer.getInteger("idle", 200);
        try (DsqlLocal local = DsqlLocal.start()) {
            int direct = local.postgres().port();
            superuserPassword = local.postgres().superuserPassword();
            int gateway = local.port();
            exec(List.of("pgbench", "-i", "-s", "10", "-q", "-h", "127.0.0.1", "-p", Integer.toString(direct), "-U", "postgres", "postgres"));
            // The superuser created them; admin (not a superuser) must own them to use them through the gateway.
            try (var c = local.postgres().connect(); var st = c.createStatement()) {
                st.execute("DO $$DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'pgbench%' "
                        + "LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO admin', t); END LOOP; END$$");
            }
            Path rw = Files.createTempFile("dsqlkit-bench-rw-", ".sql");
            Files.writeString(rw, """
                    \\set aid random(1, 100000 * :scale)
                    \\set delta random(-5000, 5000)
                    BEGIN;
                    UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
                    SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
                    COMMIT;
                    """);
            try (PgBouncer bouncer = PgBouncer.start(direct, superuserPassword)) {
                List<Target> targets = new ArrayList<>(List.of(new Target("direct", direct, "postgres"),
                        new Target("gateway", gateway, "admin")));
                if (bouncer != null) targets.add(1, new Target("pgbouncer", bouncer.port, "postgres"));
                System.out.printf(Locale.ROOT, "pgbench: %d clients, %d threads, %d s per run, %d interleaved rounds after untimed %d s and %d s runs "
                                + "per target (the second on new connections), scale 10, %d CPUs, load average before: %s%n",
                        clients, threads, seconds, rounds, warmup, rewarm, Runtime.getRuntime().availableProcessors(), loadAverage());
                if (bouncer == null) System.out.println("pgbouncer: not installed (apt-get install pgbouncer); its column is skipped");
                System.out.println("workload                     | target    | median TPS | median lat ms | runs (TPS)");
                // Select-only twice: with pgbench's default simple protocol (the gateway prepares the repeated point read
                // itself, gateway.md "Prepared point reads"), and prepared by pgbench, where both proxies only relay.
                for (String[] w : new String[][] {{"select-only (-S)", "-S"}, {"select-only (-S -M prepared)", "-S", "-M", "prepared"},
                        {"read-write script", "-f", rw.toString(), "--max-tries=5"}}) {
                    List<String> extra = List.of(w).subList(1, w.length);
                    Map<String, List<Run>> runs = new LinkedHashMap<>();
                    targets.forEach(t -> runs.put(t.name, new ArrayList<>()));
                    // Untimed runs per target first: the gateway is a long-running server, measured after its JIT has
                    // compiled the hot path (as PgBouncer and PostgreSQL, native code, always are), and every target
                    // starts the timed rounds with warm caches. Two runs, the second half as long: the first reconnect
                    // after a steady run takes branches the compiled hot path never saw (connection set-up and
                    // teardown), which deoptimizes it, and C2 needs seconds of the busy CPUs to compile it again;
                    // without the second run the first timed round paid for that (gateway.md, stop 29).
                    if (warmup > 0) {
                        for (Target t : targets) {
                            pgbench(t.port, t.user, clients, threads, warmup, extra);
                            pgbench(t.port, t.user, clients, threads, rewarm, extra);
                        }
                    }
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < targets.size(); i++) {
                            Target t = targets.get((i + r) % targets.size());
                            runs.get(t.name).add(pgbench(t.port, t.user, clients, threads, seconds, extra));
                        }
                    }
                    Map<String, Double> tps = new LinkedHashMap<>();
                    for (var e : runs.entrySet()) {
                        double m = median(e.getValue().stream().mapToDouble(Run::tps).toArray());
                        tps.put(e.getKey(), m);
                        System.out.printf(Locale.ROOT, "%-28s | %-9s | %10.0f | %13.3f | %s%n", w[0], e.getKey(), m,
                                median(e.getValue().stream().mapToDouble(Run::latencyMs).toArray()),
                                e.getValue().stream().map(x -> String.format(Locale.ROOT, "%.0f", x.tps)).toList());
                    }
                    StringBuilder ratios = new StringBuilder(String.format(Locale.ROOT, "%-28s | ratios    | gateway/direct %.2f",
                            w[0], tps.get("gateway") / tps.get("direct")));
                    if (tps.containsKey("pgbouncer")) {
                        ratios.append(String.format(Locale.ROOT, ", pgbouncer/direct %.2f, gateway/pgbouncer %.2f",
                                tps.get("pgbouncer") / tps.get("direct"), tps.get("gateway") / tps.get("pgbouncer")));
                    }
                    System.out.println(ratios);
                    if (tps.containsKey("pgbouncer")) System.out.println(pairedRatios(w[0], runs.get("gateway"), runs.get("pgbouncer")));
                }
            }
            Files.deleteIfExists(rw);
            System.out.println("load average after: " + loadAverage());
            memory(gateway, idle);
        }
    }

    /**
     * Gateway/PgBouncer TPS round by round: the two ran minutes apart at most, so a machine whose speed drifts during
     * the run (it does, by 10-20% on a shared 2-CPU VM) moves both; the median of these ratios is the steadier figure.
     */
    static String pairedRatios(String workload, List<Run> gateway, List<Run> bouncer) {
        double[] r = new double[gateway.size()];
        for (int i = 0; i < r.length; i++) r[i] = gateway.get(i).tps / bouncer.get(i).tps;
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-28s | by round  | gateway/pgbouncer median %.2f, range %.2f-%.2f, %d of %d rounds >= 1.00: %s",
                workload, median(r), sorted[0], sorted[sorted.length - 1], java.util.Arrays.stream(r).filter(x -> x >= 1.0).count(), r.length,
                java.util.Arrays.stream(r).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * PgBouncer 1.18+ (Debian's package) in session pooling mode in front of the same PostgreSQL, trust auth on
     * loopback, its own temp folder; run as nobody when we are root (PgBouncer refuses to run as root).
     */
    static final class PgBouncer implements AutoCloseable {
        final Process process;
        final int port;
        final Path dir;

        private PgBouncer(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        /** Where PgBouncer reaches PostgreSQL: 127.0.0.1, or the folder of its Unix socket. */
        static String bouncerHost = "127.0.0.1";

        static PgBouncer start(int backendPort, String backendPassword) throws Exception {
            String bin = which("pgbouncer");
            if (bin == null) return null;
            Path dir = Files.createTempDirectory("dsqlkit-bench-pgbouncer-");
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.writeString(dir.resolve("users.txt"), "\"postgres\" \"\"\n");
            Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                    "[databases]", "postgres = host=" + bouncerHost + " port=" + backendPort + " dbname=postgres user=postgres password=" + backendPassword,
                    "[pgbouncer]", "listen_addr = 127.0.0.1", "listen_port = " + port, "unix_socket_dir =",
                    "auth_type = trust", "auth_file = " + dir.resolve("users.txt"), "pool_mode = session",
                    "max_client_conn = 200", "default_pool_size = 50", "logfile = " + dir.resolve("pgbouncer.log"),
                    "pidfile = " + dir.resolve("pgbouncer.pid"), ""));
            List<String> cmd = new ArrayList<>(List.of(bin));
            if ("root".equals(System.getProperty("user.name"))) {
                dir.toFile().setWritable(true, false);
                for (String f : List.of("users.txt", "pgbouncer.ini")) dir.resolve(f).toFile().setReadable(true, false);
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                cmd.addAll(List.of("-u", "nobody"));
            }
            cmd.add(dir.resolve("pgbouncer.ini").toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
            for (int i = 0; i < 100; i++) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return new PgBouncer(p, port, dir);
                } catch (IOException notYet) {
                    if (!p.isAlive()) break;
                    Thread.sleep(100);
                }
            }
            p.destroy();
            throw new IllegalStateException("pgbouncer did not start: " + Files.readString(dir.resolve("stdout.txt")));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        static String which(String name) {
            for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
            }
            return null;
        }
    }

    static Run pgbench(int port, String user, int clients, int threads, int seconds, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-n", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", user,
                "-c", Integer.toString(clients), "-j", Integer.toString(threads), "-T", Integer.toString(seconds)));
        cmd.addAll(extra);
        cmd.add("postgres");
        String out = exec(cmd);
        Matcher t = TPS.matcher(out);
        Matcher l = LAT.matcher(out);
        if (!t.find() || !l.find()) throw new IllegalStateException("unexpected pgbench output:\n" + out);
        Matcher f = Pattern.compile("number of failed transactions: (\\S+)").matcher(out);
        return new Run(Double.parseDouble(t.group(1)), Double.parseDouble(l.group(1)), f.find() ? f.group(1) : "?");
    }

    /** RSS of this JVM (the gateway) before and after {@code n} idle authenticated sessions. */
    static void memory(int port, int n) throws Exception {
        // Warm-up round first (pools, classes), then: open n sessions, measure, close them, measure
        // again; the difference is what the open sessions hold (GC noise cancels out better than
        // comparing against a baseline taken before).
        close(idleSessions(port, n));
        Thread.sleep(1000);
        Process p = idleSessions(port, n);
        Thread.sleep(1000);
        long rssOpen = settledRssKb();
        long heapOpen = usedHeap();
        close(p);
        Thread.sleep(2000);
        long rssClosed = settledRssKb();
        long heapClosed = usedHeap();
        System.out.printf(Locale.ROOT, "memory: %d idle sessions (open minus closed): gateway JVM heap %+d KiB (%.1f KiB/connection), RSS %+d KiB (%.1f KiB/connection)%n",
                n, (heapOpen - heapClosed) / 1024, (heapOpen - heapClosed) / 1024.0 / n, rssOpen - rssClosed, (rssOpen - rssClosed) / (double) n);
    }

    static void close(Process p) throws Exception {
        p.getOutputStream().write('\n');
        p.getOutputStream().close();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    static long settledRssKb() throws Exception {
        System.gc();
        Thread.sleep(300);
        System.gc();
        Thread.sleep(300);
        return rssKb();
    }

    /** A python3 process holding {@code n} authenticated idle sessions until a line arrives on its stdin. */
    static Process idleSessions(int port, int n) throws Exception {
        String py = """
                import socket, struct, sys, time
                port, n = int(sys.argv[1]), int(sys.argv[2])
                socks = []
                params = b"user\\0admin\\0database\\0postgres\\0\\0"
                for i in range(n):
                    s = socket.create_connection(("127.0.0.1", port))
                    s.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
                    buf = b""
                    while not buf.endswith(b"Z\\0\\0\\0\\x05I"):
                        chunk = s.recv(4096)
                        if not chunk: raise SystemExit("closed")
                        buf += chunk
                    socks.append(s)
                print("open", flush=True)
                sys.stdin.readline()
                """;
        Process p = new ProcessBuilder("python3", "-c", py, Integer.toString(port), Integer.toString(n)).redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readNBytes(4), StandardCharsets.UTF_8);
        if (!line.startsWith("open")) throw new IllegalStateException("idle connections failed: " + line);
        return p;
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static long rssKb() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", ""));
        }
        return -1;
    }

    static String superuserPassword = "";

    static String exec(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The PostgreSQL behind the gateway takes TCP logins only from its superuser, with its password;
        // the gateway (auth none) ignores passwords.
        pb.environment().put("PGPASSWORD", superuserPassword);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
