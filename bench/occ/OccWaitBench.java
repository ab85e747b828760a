import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.OccRetry;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.OccModel;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two OCC models side by side (issue #13), each on its own local DSQL in the same run:
 * <ol>
 *   <li>contended second writer: per round, A updates a row in an open transaction, B updates the
 *       same row (timed: how long B's UPDATE waits), then B commits and A goes on; counts where each
 *       side's error surfaced;</li>
 *   <li>storm: C clients each increment one shared row P times, every increment a read-modify-write
 *       transaction retried whole by OccRetry over a pool of C connections; total time, attempts,
 *       the slowest UPDATE, and the final value (must be exactly C x P).</li>
 * </ol>
 * Ratios are dsql / postgres, measured in this run. Run via run.sh.
 */
public class OccWaitBench {
    record Contended(double median, double p95, double max, int bAtUpdate, int bAtCommit, int aAtNext, int aAtCommit,
                     double peerMedian, double peerP95) {}

    record Storm(double seconds, long attempts, double maxUpdateMs, double p99UpdateMs, long total) {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 50);
        int clients = Integer.getInteger("clients", 8);
        int perClient = Integer.getInteger("perClient", 25);
        Map<OccModel, Contended> contended = new EnumMap<>(OccModel.class);
        Map<OccModel, Storm> storms = new EnumMap<>(OccModel.class);
        for (OccModel model : List.of(OccModel.POSTGRES, OccModel.DSQL)) {
            try (DsqlLocal local = DsqlLocal.builder().occ(model).start()) {
                contended.put(model, contended(local, rounds));
                storms.put(model, storm(local, clients, perClient));
            }
        }
        System.out.printf(Locale.ROOT, "load: %s%n", loadAverage());
        for (OccModel m : contended.keySet()) {
            Contended c = contended.get(m);
            System.out.printf(Locale.ROOT, "--occ %-8s contended second writer's UPDATE: median %.1f ms, p95 %.1f ms, max %.1f ms "
                            + "(uncontended peer: median %.1f ms, p95 %.1f ms) | B failed at UPDATE %d, at COMMIT %d | "
                            + "A failed at its next statement %d, at COMMIT %d (of %d rounds)%n",
                    name(m), c.median(), c.p95(), c.max(), c.peerMedian(), c.peerP95(), c.bAtUpdate(), c.bAtCommit(), c.aAtNext(),
                    c.aAtCommit(), rounds);
        }
        for (OccModel m : storms.keySet()) {
            Storm s = storms.get(m);
            System.out.printf(Locale.ROOT, "--occ %-8s storm %d clients x %d increments of one row: %.1f s, %d attempts, "
                            + "UPDATE p99 %.1f ms, max %.1f ms, final value %d (expected %d)%s%n",
                    name(m), clients, perClient, s.seconds(), s.attempts(), s.p99UpdateMs(), s.maxUpdateMs(), s.total(),
                    (long) clients * perClient, s.total() == (long) clients * perClient ? "" : "  <-- WRONG");
        }
        Contended cp = contended.get(OccModel.POSTGRES), cd = contended.get(OccModel.DSQL);
        Storm sp = storms.get(OccModel.POSTGRES), sd = storms.get(OccModel.DSQL);
        System.out.printf(Locale.ROOT, "ratio contended/uncontended UPDATE median: postgres %.1f, dsql %.1f%n",
                cp.median() / cp.peerMedian(), cd.median() / cd.peerMedian());
        System.out.printf(Locale.ROOT, "ratio dsql/postgres: contended UPDATE median %.2f, p95 %.2f | storm time %.2f, attempts %.2f, "
                        + "UPDATE max %.2f%n",
                cd.median() / cp.median(), cd.p95() / cp.p95(), sd.seconds() / sp.seconds(),
                sd.attempts() / (double) sp.attempts(), sd.maxUpdateMs() / sp.maxUpdateMs());
    }

    static String name(OccModel m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    static Contended contended(DsqlLocal local, int rounds) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE occ_bench (id int PRIMARY KEY, v int)");
            s.execute("INSERT INTO occ_bench VALUES (1, 0), (2, 0)");
        }
        List<Double> waits = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        int bAtUpdate = 0, bAtCommit = 0, aAtCommit = 0, aAtNext = 0;
        for (int i = 0; i < rounds + 5; i++) {
            // Fresh sessions per round: no OCC priority carried over from an earlier round's loss.
            try (Connection a = local.connect(); Connection b = local.connect()) {
                a.setAutoCommit(false);
                b.setAutoCommit(false);
                exec(a, "UPDATE occ_bench SET v = v + 1 WHERE id = 1");
                // The peer: the same UPDATE by B on a row nobody holds, in B's open transaction.
                long p0 = System.nanoTime();
                exec(b, "UPDATE occ_bench SET v = v + 1 WHERE id = 2");
                double peerMs = (System.nanoTime() - p0) / 1e6;
                long t0 = System.nanoTime();
                boolean bOk = true;
                try {
                    exec(b, "UPDATE occ_bench SET v = v + 1 WHERE id = 1");
                } catch (SQLException e) {
                    bOk = false;
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i < 5) { // warm-up
                    a.rollback();
                    b.rollback();
                    continue;
                }
                waits.add(ms);
                peer.add(peerMs);
                if (!bOk) {
                    bAtUpdate++;
                    b.rollback();
                } else {
                    try {
                        b.commit();
                    } catch (SQLException e) {
                        bAtCommit++;
                        b.rollback();
                    }
                }
                try {
                    exec(a, "SELECT 1");
                } catch (SQLException e) {
                    aAtNext++;
                    a.rollback();
                    continue;
                }
                try {
                    a.commit();
                } catch (SQLException e) {
                    aAtCommit++;
                    a.rollback();
                }
            }
        }
        Collections.sort(waits);
        Collections.sort(peer);
        return new Contended(waits.get(waits.size() / 2), waits.get((int) (waits.size() * 0.95)), waits.get(waits.size() - 1),
                bAtUpdate, bAtCommit, aAtNext, aAtCommit, peer.get(peer.size() / 2), peer.get((int) (peer.size() * 0.95)));
    }

    static Storm storm(DsqlLocal local, int clients, int perClient) throws Exception {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE occ_storm (id int PRIMARY KEY, v bigint)");
            s.execute("INSERT INTO occ_storm VALUES (1, 0)");
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(local.jdbcUrl());
        pg.setUser(local.user());
        pg.setPassword(local.password());
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(pg);
        hc.setMaximumPoolSize(clients);
        hc.setMinimumIdle(clients);
        OccRetry retry = OccRetry.of(500, Duration.ofMillis(1), Duration.ofMillis(50));
        AtomicLong attempts = new AtomicLong();
        ConcurrentLinkedQueue<Double> updates = new ConcurrentLinkedQueue<>();
        long t0;
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            for (int i = 0; i < clients; i++) ds.getConnection().close(); // fill the pool before timing
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            t0 = System.nanoTime();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perClient; i++) {
                            attempts.addAndGet(retry.run(ds, conn -> {
                                long v;
                                try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM occ_storm WHERE id = 1")) {
                                    rs.next();
                                    v = rs.getLong(1);
                                }
                                long u0 = System.nanoTime();
                                try {
                                    exec(conn, "UPDATE occ_storm SET v = " + (v + 1) + " WHERE id = 1");
                                } finally {
                                    updates.add((System.nanoTime() - u0) / 1e6);
                                }
                                return null;
                            }).attempts());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Double> u = new ArrayList<>(updates);
        Collections.sort(u);
        long total;
        try (Connection c = local.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM occ_storm WHERE id = 1")) {
            rs.next();
            total = rs.getLong(1);
        }
        return new Storm(seconds, attempts.get(), u.get(u.size() - 1), u.get((int) (u.size() * 0.99)), total);
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(60);
            s.execute(sql);
        }
    }
}
