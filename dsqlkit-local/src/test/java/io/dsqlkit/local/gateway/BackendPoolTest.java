package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway keeps a backend session its client left idle and gives it to the next client of the same role with
 * the same startup parameters, reset: nothing of the last session (settings, prepared statements, cursors, LISTEN,
 * sequence state, role) reaches the next, a session that ended inside a transaction or mid-exchange is not kept, and
 * roles never share a backend.
 */
class BackendPoolTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() throws SQLException {
        local = DsqlLocal.builder().auth(AuthMode.NONE).start();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE pool_tenant WITH LOGIN");
        }
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pool_t (id int PRIMARY KEY, v text)");
            s.execute("CREATE SEQUENCE pool_seq CACHE 65536");
        }
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    private static Connection connect(String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", "");
        return DriverManager.getConnection(local.jdbcUrl(), p);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static int pid(Connection c) throws SQLException {
        return Integer.parseInt(one(c, "SELECT pg_backend_pid()"));
    }

    /** Waits until backend {@code pid} was reset and waits idle in the pool (or, {@code kept} false, is gone). */
    private static void awaitPooled(int pid, boolean kept) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        try (Connection su = local.postgres().connect();
             PreparedStatement ps = su.prepareStatement("SELECT state, query FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < end) {
                try (ResultSet rs = ps.executeQuery()) {
                    boolean present = rs.next();
                    if (!kept && !present) return;
                    if (kept && present && "idle".equals(rs.getString(1)) && "DISCARD ALL".equals(rs.getString(2))) {
                        Thread.sleep(100); // ReadyForQuery on its way to the gateway
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("backend " + pid + (kept ? " was not reset and kept" : " did not end"));
    }

    private static Map<String, String> reported(Connection c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : List.of("server_version", "TimeZone", "DateStyle", "IntervalStyle", "application_name",
                "standard_conforming_strings", "client_encoding", "session_authorization", "is_superuser")) {
            m.put(name, ((PGConnection) c).getParameterStatus(name));
        }
        return m;
    }

    @Test
    void theNextClientGetsTheBackendAsIfItWereNew() throws Exception {
        Map<String, String> fresh;
        int pid;
        try (Connection c = local.connect()) {
            fresh = reported(c);
            pid = pid(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'Asia/Tokyo'");
                s.execute("SET IntervalStyle = 'iso_8601'");
                s.execute("SET search_path = pg_catalog");
                s.execute("SELECT nextval('public.pool_seq')");
            }
            c.unwrap(PGConnection.class).setPrepareThreshold(1); // a named statement on the backend
            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                for (int i = 0; i < 3; i++) ps.executeQuery().close();
            }
            assertThat(one(c, "SELECT count(*) FROM pg_prepared_statements")).isNotEqualTo("0");
            assertThat(reported(c).get("TimeZone")).isEqualTo("Asia/Tokyo");
        }
        awaitPooled(pid, true);

        try (Connection c = local.connect()) {
            assertThat(pid(c)).as("the backend the last client left").isEqualTo(pid);
            assertThat(reported(c)).as("the startup's ParameterStatus, as a new backend sends them").isEqualTo(fresh);
            assertThat(one(c, "SHOW TimeZone")).isEqualTo(fresh.get("TimeZone"));
            assertThat(one(c, "SHOW IntervalStyle")).isEqualTo(fresh.get("IntervalStyle"));
            assertThat(one(c, "SHOW search_path")).isEqualTo("\"$user\", public");
            assertThat(one(c, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            assertThat(one(c, "SELECT count(*) FROM pg_prepared_statements")).isEqualTo("0");
            assertThat(one(c, "SELECT current_user")).isEqualTo("admin");
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT currval('public.pool_seq')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55000"));
            }
        }
    }

    @Test
    void aBackendLeftInsideATransactionIsEndedAndItsWorkRolledBack() throws Exception {
        int pid;
        Connection c = local.connect();
        pid = pid(c);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO pool_t VALUES (1, 'never committed')");
        }
        c.close(); // without COMMIT or ROLLBACK: the driver sends Terminate
        awaitPooled(pid, false);
        try (Connection d = local.connect()) {
            assertThat(pid(d)).isNotEqualTo(pid);
            assertThat(one(d, "SELECT count(*) FROM pool_t WHERE id = 1")).isEqualTo("0");
        }
    }

    @Test
    void aBackendLeftWithAnUnsyncedExchangeIsEndedNotCommitted() throws Exception {
        // Parse/Bind/Execute of an INSERT without Sync: the backend has run it in an implicit transaction that only
        // a Sync would commit. The pool must end this backend, not reset (and so commit) it.
        int synced;
        try (RawClient raw = new RawClient(local.port())) {
            synced = rawPid(raw.startup());
            raw.send(new FrontendMessage.Parse("", "INSERT INTO pool_t VALUES (3, 'synced')", List.of()));
            raw.send(new FrontendMessage.Bind("", "", List.of(), List.of(), List.of()));
            raw.send(new FrontendMessage.Execute("", 0));
            raw.send(FrontendMessage.Sync.INSTANCE);
            raw.untilReady();
            raw.send(FrontendMessage.Terminate.INSTANCE);
        }
        awaitPooled(synced, true);
        int pid;
        try (RawClient raw = new RawClient(local.port())) {
            pid = rawPid(raw.startup());
            assertThat(pid).as("the backend the synced session left").isEqualTo(synced);
            raw.send(new FrontendMessage.Parse("", "INSERT INTO pool_t VALUES (2, 'no sync')", List.of()));
            raw.send(new FrontendMessage.Bind("", "", List.of(), List.of(), List.of()));
            raw.send(new FrontendMessage.Execute("", 0));
            raw.send(FrontendMessage.Flush.INSTANCE);
            BackendMessage m;
            do {
                m = raw.read();
                assertThat(m).isNotInstanceOf(BackendMessage.ErrorResponse.class);
            } while (!(m instanceof BackendMessage.CommandComplete));
            assertThat(((BackendMessage.CommandComplete) m).tag()).isEqualTo("INSERT 0 1");
        }
        awaitPooled(pid, false);
        try (Connection d = local.connect()) {
            assertThat(one(d, "SELECT count(*) FROM pool_t WHERE id = 2")).isEqualTo("0");
            assertThat(one(d, "SELECT count(*) FROM pool_t WHERE id = 3")).isEqualTo("1");
        }
    }

    private static int rawPid(List<BackendMessage> startup) {
        return startup.stream().filter(m -> m instanceof BackendMessage.BackendKeyData)
                .mapToInt(m -> ((BackendMessage.BackendKeyData) m).processId()).findFirst().orElseThrow();
    }

    @Test
    void rolesNeverShareABackend() throws Exception {
        int adminPid;
        try (Connection c = local.connect()) {
            adminPid = pid(c);
        }
        awaitPooled(adminPid, true);
        try (Connection t = connect("pool_tenant")) {
            assertThat(one(t, "SELECT current_user")).isEqualTo("pool_tenant");
            assertThat(pid(t)).isNotEqualTo(adminPid);
        }
        try (Connection c = local.connect()) {
            assertThat(pid(c)).isEqualTo(adminPid);
        }
    }

    @Test
    void aRoleSettingChangedByAnotherSessionReachesTheRolesNextSession() throws Exception {
        int pid;
        try (Connection t = connect("pool_tenant")) {
            pid = pid(t);
        }
        awaitPooled(pid, true);
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE pool_tenant SET search_path = pg_catalog, public");
        }
        try (Connection t = connect("pool_tenant")) {
            assertThat(one(t, "SHOW search_path")).as("set at backend start: a new backend").isEqualTo("pg_catalog, public");
            assertThat(pid(t)).isNotEqualTo(pid);
        } finally {
            try (Connection c = local.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE pool_tenant RESET ALL");
            }
        }
    }

    @Test
    void startupParametersThatDifferGetABackendOfTheirOwn() throws Exception {
        int pid;
        try (Connection c = local.connect()) {
            pid = pid(c);
        }
        awaitPooled(pid, true);
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", "");
        p.setProperty("ApplicationName", "another-app");
        p.setProperty("assumeMinServerVersion", "9.0"); // else pgjdbc sets application_name after the startup
        try (Connection c = DriverManager.getConnection(local.jdbcUrl(), p)) {
            assertThat(pid(c)).isNotEqualTo(pid);
            assertThat(one(c, "SHOW application_name")).isEqualTo("another-app");
        }
    }

    @Test
    void aStatementOfAPooledBackendCanStillBeCancelled() throws Exception {
        int pid;
        try (Connection c = local.connect()) {
            pid = pid(c);
        }
        awaitPooled(pid, true);
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThat(pid(c)).isEqualTo(pid);
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    s.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            canceller.join();
        }
        // A session that forwarded a cancel is not kept: the cancel could still be on its way.
        awaitPooled(pid, false);
    }
}
