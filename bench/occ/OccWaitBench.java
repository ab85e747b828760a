import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.OccModel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long the second writer of a row waits, and where each side's error surfaces, under both OCC
 * models (issue #13). Per round: A updates a row in an open transaction, B updates the same row
 * (timed), then B commits and A commits. Run via run.sh.
 */
public class OccWaitBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 50);
        for (OccModel model : OccModel.values()) {
            try (DsqlLocal local = DsqlLocal.builder().occ(model).start()) {
                try (Connection c = local.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE occ_bench (id int PRIMARY KEY, v int)");
                    s.execute("INSERT INTO occ_bench VALUES (1, 0)");
                }
                List<Double> waits = new ArrayList<>();
                int bStatementFailed = 0, bCommitFailed = 0, aCommitFailed = 0, aStatementFailed = 0;
                for (int i = 0; i < rounds + 5; i++) {
                    try (Connection a = local.connect(); Connection b = local.connect()) {
                        a.setAutoCommit(false);
                        b.setAutoCommit(false);
                        exec(a, "UPDATE occ_bench SET v = v + 1 WHERE id = 1");
                        long t0 = System.nanoTime();
                        boolean bOk = true;
                        try {
                            exec(b, "UPDATE occ_bench SET v = v + 1 WHERE id = 1");
                        } catch (SQLException e) {
                            bOk = false;
                        }
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (i < 5) {
                            a.rollback();
                            b.rollback();
                            continue; // warm-up
                        }
                        waits.add(ms);
                        if (!bOk) {
                            bStatementFailed++;
                            b.rollback();
                        } else {
                            try {
                                b.commit();
                            } catch (SQLException e) {
                                bCommitFailed++;
                            }
                        }
                        try {
                            exec(a, "SELECT 1");
                        } catch (SQLException e) {
                            aStatementFailed++;
                            a.rollback();
                            continue;
                        }
                        try {
                            a.commit();
                        } catch (SQLException e) {
                            aCommitFailed++;
                            a.rollback();
                        }
                    }
                }
                Collections.sort(waits);
                System.out.printf(Locale.ROOT, "--occ %-8s second writer's UPDATE: median %.1f ms, p95 %.1f ms, max %.1f ms | "
                                + "B failed at UPDATE %d, at COMMIT %d | A failed at its next statement %d, at COMMIT %d (of %d rounds)%n",
                        model.name().toLowerCase(Locale.ROOT), waits.get(waits.size() / 2), waits.get((int) (waits.size() * 0.95)),
                        waits.get(waits.size() - 1), bStatementFailed, bCommitFailed, aStatementFailed, aCommitFailed, rounds);
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(60);
            s.execute(sql);
        }
    }
}
