package io.dsqlkit.local.occ;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.local.gateway.OccModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of two or three transactions' reads, writes and commits through the gateway
 * under {@link OccModel#DSQL}, run on ONE thread: that only works because no statement ever waits
 * for another session (a wait would hit the query timeout and fail the property). Checks that every
 * failure is 40001 OC000 and that exactly the committed transactions' writes are visible.
 */
class DsqlOccInterleavingProperties {
    private static final int ROWS = 3;
    private static final int QUERY_TIMEOUT_SECONDS = 20;
    static final String LOCK_TIMEOUT_PROPERTY = "dsqlkit.gateway.occ.lockTimeout";
    static DsqlLocal local;

    @BeforeContainer
    static void start() throws Exception {
        // A wait the arbiter failed to end would now outlast the query timeout and fail the test (57014, not 40001).
        System.setProperty(LOCK_TIMEOUT_PROPERTY, "120s");
        // On a loaded machine (CI, parallel builds) starting PostgreSQL can time out: try again, from scratch.
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3 && local == null; attempt++) {
            DsqlLocal started = null;
            try {
                started = DsqlLocal.builder().behaviour(new StandardDsqlBehaviour()).occ(OccModel.DSQL).start();
                GatewayOccTest.setup(started, "CREATE TABLE IF NOT EXISTS docc_prop (id int PRIMARY KEY, v bigint)",
                        "INSERT INTO docc_prop SELECT g, 0 FROM generate_series(1, " + ROWS + ") g ON CONFLICT (id) DO NOTHING");
                local = started;
            } catch (RuntimeException | SQLException e) {
                last = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (started != null) started.close();
                Thread.sleep(1000L * attempt);
            }
        }
        if (local == null) throw last;
    }

    @AfterContainer
    static void stop() {
        System.clearProperty(LOCK_TIMEOUT_PROPERTY);
        if (local != null) local.close();
    }

    /** One step of a transaction: read or add to a row. Every transaction ends with COMMIT. */
    record Op(boolean write, int row) {}

    /** Transaction {@code tx} takes its next step. */
    record Step(int tx) {}

    record Scenario(List<List<Op>> transactions, List<Integer> schedule) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, ROWS)).as(Op::new);
        Arbitrary<List<Op>> tx = op.list().ofMinSize(1).ofMaxSize(4);
        return tx.list().ofMinSize(2).ofMaxSize(3).flatMap(txs -> {
            List<Integer> turns = new ArrayList<>();
            for (int i = 0; i < txs.size(); i++) for (int k = 0; k <= txs.get(i).size(); k++) turns.add(i);
            return Arbitraries.shuffle(turns).map(schedule -> new Scenario(txs, schedule));
        });
    }

    @Property(tries = 50)
    void exactlyTheCommittedWritesAreVisibleAndEveryFailureIsOc000(@ForAll("scenarios") Scenario s) throws SQLException {
        try (Connection admin = local.connect(); Statement st = admin.createStatement()) {
            st.executeUpdate("UPDATE docc_prop SET v = 0");
        }
        int n = s.transactions().size();
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Connection c = local.connect();
                c.setAutoCommit(false);
                conns.add(c);
            }
            int[] next = new int[n];
            boolean[] failed = new boolean[n];
            boolean[] committed = new boolean[n];
            for (int tx : s.schedule()) {
                if (failed[tx]) continue;
                List<Op> ops = s.transactions().get(tx);
                Connection c = conns.get(tx);
                try {
                    if (next[tx] == ops.size()) {
                        c.commit();
                        committed[tx] = true;
                    } else {
                        run(c, ops.get(next[tx]), tx);
                        next[tx]++;
                    }
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).as("failure of tx %d: %s", tx, e.getMessage()).isEqualTo("40001");
                    assertThat(e.getMessage()).contains("change conflicts with another transaction (OC000)");
                    failed[tx] = true;
                    c.rollback();
                }
            }
            long[] expected = new long[ROWS + 1];
            for (int tx = 0; tx < n; tx++) {
                if (!committed[tx]) continue;
                for (Op op : s.transactions().get(tx)) if (op.write()) expected[op.row()] += weight(tx);
            }
            try (Connection c = local.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, v FROM docc_prop ORDER BY id")) {
                while (rs.next()) assertThat(rs.getLong(2)).as("row %d", rs.getInt(1)).isEqualTo(expected[rs.getInt(1)]);
            }
        } finally {
            for (Connection c : conns) c.close();
        }
    }

    /** What transaction {@code tx} adds per write: distinct powers of 1000, so every sum is unambiguous. */
    private static long weight(int tx) {
        long w = 1;
        for (int i = 0; i < tx; i++) w *= 1000;
        return w;
    }

    private static void run(Connection c, Op op, int tx) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            if (op.write()) {
                st.executeUpdate("UPDATE docc_prop SET v = v + " + weight(tx) + " WHERE id = " + op.row());
            } else {
                try (ResultSet rs = st.executeQuery("SELECT v FROM docc_prop WHERE id = " + op.row())) {
                    rs.next();
                }
            }
        }
    }
}
