import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.GatewayServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxies' CPU cost per transaction, a load-robust metric (wall-clock TPS depends on what else runs):
 * utime+stime of the proxy process (this JVM for the gateway, the pgbouncer process for PgBouncer) over a
 * fixed {@code pgbench -S -t N} run, both proxies in front of the same embedded PostgreSQL, interleaved
 * rounds, medians. With -Dhold=true it then prints the ports and pids and waits for a line on stdin (for
 * strace / perf against the running proxies). With -Dcompare=N a second gateway with N event loops runs in the same
 * rounds (its CPU is this JVM's, as the first's: only one of them is busy at a time). Run via cpu.sh.
 */
public class CpuPerTx {
    static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    static final long HZ = 100;

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("clients", 8);
        int threads = Integer.getInteger("threads", 2);
        int tx = Integer.getInteger("tx", 5000);
        int rounds = Integer.getInteger("rounds", 3);
        String mode = System.getProperty("mode", "-S");
        try (DsqlLocal local = DsqlLocal.start()) {
            int direct = local.postgres().port();
            GatewayBench.superuserPassword = local.postgres().superuserPassword();
            GatewayBench.exec(List.of("pgbench", "-i", "-s", "10", "-q", "-h", "127.0.0.1", "-p", Integer.toString(direct), "-U", "postgres", "postgres"));
            try (var c = local.postgres().connect(); var st = c.createStatement()) {
                st.execute("DO $$DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE tablename LIKE 'pgbench%' "
                        + "LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO admin', t); END LOOP; END$$");
            }
            // -DbouncerUds=true: PgBouncer reaches PostgreSQL over its Unix socket, as the gateway does (default: TCP, 127.0.0.1)
            if (Boolean.getBoolean("bouncerUds")) GatewayBench.PgBouncer.bouncerHost = local.postgres().socket().getParent().toString();
            GatewayBench.PgBouncer bouncer = GatewayBench.PgBouncer.start(direct, GatewayBench.superuserPassword);
            if (bouncer == null) throw new IllegalStateException("pgbouncer not found (Debian: apt-get install pgbouncer)");
            int bouncerPort = bouncer.port;
            long selfPid = ProcessHandle.current().pid();
            System.out.printf(Locale.ROOT, "pgbench %s: %d clients, %d threads, %d tx per client, %d rounds, load before: %s%n",
                    mode, clients, threads, tx, rounds, Files.readString(Path.of("/proc/loadavg")).trim());
            // Warm-up, untimed: the gateway's hot path is compiled by C2 only after some 200k transactions here (2 CPUs that
            // pgbench and PostgreSQL keep busy: the compiler thread gets little time); with 6,000 per client its first timed
            // round still cost 1.6x what later rounds did. PgBouncer is native code: a short run warms its caches.
            int warmup = Integer.getInteger("warmup", 25_000);
            pgbench(local.port(), "admin", clients, threads, warmup, mode);
            // A second, shorter warm-up on new connections: the first reconnect after a steady run deoptimizes the
            // compiled hot path (branches it never saw), and the recompile takes seconds here (GatewayBench, stop 29).
            pgbench(local.port(), "admin", clients, threads, Math.max(1, warmup / 2), mode);
            pgbench(bouncerPort, "postgres", clients, threads, 500, mode);
            // -Dcompare=N: a second gateway with N event loops on the same PostgreSQL, in the same rounds.
            int compare = Integer.getInteger("compare", 0);
            GatewayServer second = compare > 0 ? GatewayServer.start(withAnyPort(local.gatewayConfig()), compare) : null;
            if (second != null) pgbench(second.port(), "admin", clients, threads, warmup, mode);
            List<Double> gw = new ArrayList<>(), pb = new ArrayList<>(), gwTps = new ArrayList<>(), pbTps = new ArrayList<>(),
                    gwLoop = new ArrayList<>(), g2 = new ArrayList<>(), g2Tps = new ArrayList<>(), gwPg = new ArrayList<>(),
                    pbPg = new ArrayList<>(), gwAll = new ArrayList<>(), pbAll = new ArrayList<>();
            double perTx = 1e6 / HZ / ((double) clients * tx);
            // -Dprofile=FILE (cpu.sh PROFILE=FILE): async-profiler samples this JVM's CPU during the gateway's timed runs only.
            Profiler profiler = Profiler.fromProperties();
            for (int r = 0; r < rounds; r++) {
                long l0 = loopTicks();
                if (profiler != null) profiler.resume();
                Sample g = sample(selfPid, local.port(), "admin", clients, threads, tx, mode);
                if (profiler != null) profiler.pause();
                gwLoop.add((loopTicks() - l0) * perTx);
                gw.add(g.us());
                gwTps.add(g.tps());
                gwPg.add(g.postgresUs());
                gwAll.add(g.machineUs());
                String alt = "";
                if (second != null) {
                    Sample a = sample(selfPid, second.port(), "admin", clients, threads, tx, mode);
                    g2.add(a.us());
                    g2Tps.add(a.tps());
                    alt = String.format(Locale.ROOT, " | gateway with %d loop(s) %.1f us/tx (kernel %.1f), %.0f tps", compare,
                            a.us(), a.kernelUs(), a.tps());
                }
                Sample b = sample(bouncer.process.pid(), bouncerPort, "postgres", clients, threads, tx, mode);
                pb.add(b.us());
                pbTps.add(b.tps());
                pbPg.add(b.postgresUs());
                pbAll.add(b.machineUs());
                System.out.printf(Locale.ROOT, "round %d: gateway %.1f us/tx (event loops %.1f; kernel %.1f), %.0f tps, postgres %.1f, machine %.1f us/tx (%.0f%% idle)%s | pgbouncer %.1f us/tx (kernel %.1f), %.0f tps, postgres %.1f, machine %.1f us/tx (%.0f%% idle)%n",
                        r + 1, g.us(), gwLoop.get(r), g.kernelUs(), g.tps(), g.postgresUs(), g.machineUs(), 100 * g.idle(), alt, b.us(), b.kernelUs(), b.tps(),
                        b.postgresUs(), b.machineUs(), 100 * b.idle());
            }
            System.out.printf(Locale.ROOT, "median: gateway %.1f us/tx (event loops %.1f) | pgbouncer %.1f us/tx | cpu ratio gateway/pgbouncer %.2f | tps gateway %.0f pgbouncer %.0f ratio %.2f | load after: %s%n",
                    median(gw), median(gwLoop), median(pb), median(gw) / median(pb), median(gwTps), median(pbTps),
                    median(gwTps) / median(pbTps), Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(Locale.ROOT, "median per tx: postgresql behind the gateway %.1f us, behind pgbouncer %.1f us | whole machine %.1f us vs %.1f us%n",
                    median(gwPg), median(pbPg), median(gwAll), median(pbAll));
            if (profiler != null) profiler.report();
            if (second != null) {
                System.out.printf(Locale.ROOT, "median: gateway with %d loop(s) %.1f us/tx | cpu ratio to pgbouncer %.2f | tps %.0f, ratio to pgbouncer %.2f%n",
                        compare, median(g2), median(g2) / median(pb), median(g2Tps), median(g2Tps) / median(pbTps));
                second.close();
            }
            if (Boolean.getBoolean("hold")) {
                System.out.printf("HOLD gateway_port=%d gateway_pid=%d pgbouncer_port=%d pgbouncer_pid=%d%n",
                        local.port(), selfPid, bouncerPort, bouncer.process.pid());
                System.out.flush();
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            }
            bouncer.close();
        }
    }

    /**
     * async-profiler (tools.profiler:async-profiler from Maven Central, loaded by reflection: cpu.sh puts it on the class
     * path only with PROFILE set) in itimer mode, which needs no perf events: a sample is CPU time, and a sample taken
     * inside a system call is the kernel's time, attributed to the libc wrapper making the call (and to the kernel frames
     * above it, where they are visible). The report: the event loop's samples by where they fell (send, recv, epoll wait
     * system calls; the rest: Java, Netty's JNI, the JVM, interrupts) and the top leaf frames.
     */
    static final class Profiler {
        private final Object api;
        private final java.lang.reflect.Method execute;
        private final Path file;
        private boolean started;

        private Profiler(Object api, java.lang.reflect.Method execute, Path file) {
            this.api = api;
            this.execute = execute;
            this.file = file;
        }

        static Profiler fromProperties() throws Exception {
            String out = System.getProperty("profile", "");
            if (out.isEmpty()) return null;
            Class<?> c = Class.forName("one.profiler.AsyncProfiler");
            Object api = c.getMethod("getInstance", String.class).invoke(null, System.getProperty("profiler.lib"));
            return new Profiler(api, c.getMethod("execute", String.class), Path.of(out).toAbsolutePath());
        }

        void resume() throws Exception {
            // itimer: the kernel delivers the signal at its timer tick at best (a sample per few ms here), whatever the interval
            execute.invoke(api, started ? "resume" : "start,event=itimer,interval=1ms,threads");
            started = true;
        }

        void pause() throws Exception {
            execute.invoke(api, "stop");
        }

        void report() throws Exception {
            execute.invoke(api, "dump,collapsed,file=" + file);
            java.util.Map<String, Long> where = new java.util.LinkedHashMap<>(), leaves = new java.util.HashMap<>();
            for (String k : List.of("send", "recv", "epoll wait", "rest")) where.put(k, 0L);
            long total = 0;
            for (String line : Files.readAllLines(file)) {
                int sp = line.lastIndexOf(' ');
                String[] frames = line.substring(0, sp).split(";");
                String thread = frames[0].toLowerCase(Locale.ROOT);
                if (!thread.contains("eventloop") && !thread.contains("multithreadio")) continue;
                long n = Long.parseLong(line.substring(sp + 1));
                String leaf = frames[frames.length - 1];
                // Kernel frames (suffix _[k]) when the kernel lets the profiler see them: the time is the system call's
                // of the user frame below them.
                int user = frames.length - 1;
                while (user > 0 && frames[user].endsWith("_[k]")) user--;
                total += n;
                leaves.merge(leaf, n, Long::sum);
                where.merge(syscall(frames[user]), n, Long::sum);
            }
            if (total == 0) {
                System.out.println("profile: no event-loop samples in " + file);
                return;
            }
            final long all = total;
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "profile (event loop, %d CPU-time samples; %s):", all, file));
            where.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.1f%%", k, 100.0 * v / all)));
            System.out.println(b);
            leaves.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%% %s%n", 100.0 * e.getValue() / all, e.getKey()));
        }

        /** The system call a leaf frame (a libc wrapper) makes, or "rest". */
        private static String syscall(String leaf) {
            String f = leaf.replace("__GI_", "").replace("__libc_", "");
            if (f.startsWith("__")) f = f.substring(2);
            if (f.equals("send") || f.equals("sendto") || f.equals("write") || f.equals("writev") || f.equals("sendmsg")) return "send";
            if (f.equals("recv") || f.equals("recvfrom") || f.equals("read") || f.equals("readv") || f.equals("recvmsg")) return "recv";
            if (f.startsWith("epoll_wait") || f.startsWith("epoll_pwait")) return "epoll wait";
            return "rest";
        }
    }

    /** One pgbench run through a proxy: the proxy process's CPU and kernel time per transaction, and the TPS. */
    record Sample(double us, double kernelUs, double tps, double machineUs, double idle, double postgresUs) {}

    static Sample sample(long proxyPid, int port, String user, int clients, int threads, int tx, String mode) throws Exception {
        long c0 = cpuTicks(proxyPid), s0 = sysTicks(proxyPid);
        long[] m0 = machineTicks();
        long p0 = commandTicks("postgres");
        double tps = pgbench(port, user, clients, threads, tx, mode);
        long c1 = cpuTicks(proxyPid), s1 = sysTicks(proxyPid);
        long[] m1 = machineTicks();
        long p1 = commandTicks("postgres");
        double perTx = 1e6 / HZ / ((double) clients * tx);
        double busy = m1[0] - m0[0], all = busy + (m1[1] - m0[1]);
        return new Sample((c1 - c0) * perTx, (s1 - s0) * perTx, tps, busy * perTx, all == 0 ? 0 : (all - busy) / all, (p1 - p0) * perTx);
    }

    /** CPU of every process whose command name is {@code comm} (PostgreSQL's: all its processes), ended children included. */
    static long commandTicks(String comm) throws IOException {
        long sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // its own time and its ended children's (a backend that ended is counted in the postmaster's)
                    if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals(comm)) {
                        sum += ticks(stat) + statField(stat, 13) + statField(stat, 14);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return sum;
    }

    /** The whole machine's busy and idle clock ticks (all CPUs) from /proc/stat: everything a transaction costs anywhere. */
    static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0, idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            if (i == 4 || i == 5) idle += v; else busy += v; // idle, iowait
        }
        return new long[] {busy, idle};
    }

    /** {@code c} listening on any free port. */
    static GatewayConfig withAnyPort(GatewayConfig c) {
        return new GatewayConfig(0, c.backendSocket(), c.auth(), c.credentials(), c.hostNames(), c.tls(), c.limits(), c.profile(),
                c.behaviour(), c.occ(), c.control());
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** stime of a process (time in the kernel: syscalls), in clock ticks. */
    static long sysTicks(long pid) throws IOException {
        return statField(Files.readString(Path.of("/proc/" + pid + "/stat")), 12);
    }

    /** utime + stime from a /proc stat line. */
    static long ticks(String stat) {
        return statField(stat, 11) + statField(stat, 12);
    }

    /** Field {@code i} after the command name of a /proc stat line (utime is 11, stime 12). */
    static long statField(String stat, int i) {
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[i]);
    }

    /** utime + stime of this JVM's Netty event-loop threads. */
    static long loopTicks() throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    String lc = comm.toLowerCase(Locale.ROOT);
                    if (lc.contains("eventloop") || lc.startsWith("multithreadio")) sum += ticks(Files.readString(t.resolve("stat")));
                } catch (IOException gone) {
                    // thread ended
                }
            }
        }
        return sum;
    }

    static double pgbench(int port, String user, int clients, int threads, int tx, String mode) throws Exception {
        List<String> args = new ArrayList<>(List.of("pgbench", "-n", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", user,
                "-c", Integer.toString(clients), "-j", Integer.toString(threads), "-t", Integer.toString(tx)));
        args.addAll(List.of(mode.trim().split("\\s+"))); // MODE='-S -M prepared': pgbench options
        args.add("postgres");
        String out = GatewayBench.exec(args);
        Matcher t = TPS.matcher(out);
        if (!t.find()) throw new IllegalStateException("unexpected pgbench output:\n" + out);
        return Double.parseDouble(t.group(1));
    }
}
