package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that vanishes leaves nothing half-committed; a dead PostgreSQL is reported and restarted. */
class RobustnessTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() {
        local = DsqlLocal.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    static int count(String t) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void clientVanishingMidTransactionLeavesNothingHalfCommitted() throws Exception {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE vanish_t (id int PRIMARY KEY)");
        }
        RawClient raw = new RawClient(local.port());
        raw.startup();
        raw.query("BEGIN");
        assertThat(RawClient.tags(raw.query("INSERT INTO vanish_t VALUES (1), (2)"))).containsExactly("INSERT 0 2");
        raw.socket.setSoLinger(true, 0); // RST: the client is simply gone
        raw.close();
        long deadline = System.currentTimeMillis() + 10_000;
        // The backend session is gone too (rolled back), not idle in transaction.
        while (System.currentTimeMillis() < deadline && idleInTransaction() > 0) Thread.sleep(100);
        assertThat(idleInTransaction()).isZero();
        assertThat(count("vanish_t")).isZero();
    }

    private static int idleInTransaction() throws SQLException {
        try (Connection c = local.postgres().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void deadPostgresIsReportedAndRestarted() throws Exception {
        RawClient raw = new RawClient(local.port());
        raw.startup();
        var pg = local.postgres();
        ProcessHandle.of(pgPid(pg)).orElseThrow().destroyForcibly(); // SIGKILL the postmaster
        List<BackendMessage> got = new ArrayList<>();
        try {
            while (true) got.add(raw.read());
        } catch (java.io.IOException expectedEof) {
            // closed after the report
        }
        raw.close();
        assertThat(got).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(BackendMessage.ErrorResponse.class, e -> {
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(e.sqlstate()).isIn("08006", "57P01", "57P02", "57P03");
        }));
        long deadline = System.currentTimeMillis() + 60_000;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = local.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
                // The new server accepts connections a moment before DsqlLocal publishes it: wait for that too.
                if (local.postgres() != pg) return;
                Thread.sleep(50);
            } catch (SQLException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("PostgreSQL was not restarted", last);
    }

    private static long pgPid(io.dsqlkit.local.pg.PostgresServer pg) throws Exception {
        String first = java.nio.file.Files.readAllLines(pg.dataDir().resolve("postmaster.pid")).get(0).strip();
        return Long.parseLong(first);
    }
}
