package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.rules.DsqlErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dsql-facts §2 limits, with small configured values: rows, size, age, connection lifetime, message size. */
class LimitsTest {
    static final int ROWS = 20;
    static final Duration LIFETIME = Duration.ofSeconds(8);
    static DsqlLocal local;
    static final AtomicInteger N = new AtomicInteger();

    @BeforeAll
    static void start() {
        local = DsqlLocal.builder().limits(Limits.DSQL.withMaxTransactionRows(ROWS).withMaxTransactionBytes(8 * 1024)
                .withMaxTransactionAge(Duration.ofSeconds(1)).withMaxConnectionAge(LIFETIME).withMaxMessageBytes(64 * 1024)).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    static String table() throws SQLException {
        String t = "lim_" + N.incrementAndGet();
        exec("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        return t;
    }

    static void exec(String sql) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int count(String t) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void assertDsqlError(ThrowingRunnable r, String sqlstate, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(sqlstate);
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(message);
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void statementCrossingTheRowLimitFails() throws Exception {
        // §2 [OBS transaction]: exactly the limit succeeds, one more fails on that statement
        String t = table();
        exec("INSERT INTO " + t + " SELECT g, 'x' FROM generate_series(1, " + ROWS + ") g");
        assertThat(count(t)).isEqualTo(ROWS);
        String u = table();
        assertDsqlError(() -> exec("INSERT INTO " + u + " SELECT g, 'x' FROM generate_series(1, " + (ROWS + 1) + ") g"),
                DsqlErrors.ROW_LIMIT.sqlstate(), DsqlErrors.ROW_LIMIT.message());
        assertThat(count(u)).isZero();
    }

    @Test
    void rowLimitInsideBeginAbortsTheTransaction() throws Exception {
        String t = table();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO " + t + " SELECT g, 'x' FROM generate_series(1, 15) g");
            assertDsqlError(() -> s.execute("UPDATE " + t + " SET v = 'y' WHERE id <= 6"), "54000", DsqlErrors.ROW_LIMIT.message());
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
        }
        assertThat(count(t)).isZero();
    }

    @Test
    void foreignKeyCascadesCountTowardsTheRowLimit() throws Exception {
        String p = "limp_" + N.incrementAndGet();
        exec("CREATE TABLE " + p + " (id int PRIMARY KEY)");
        String ch = "limc_" + N.incrementAndGet();
        exec("CREATE TABLE " + ch + " (id int PRIMARY KEY, p int REFERENCES " + p + " (id) ON DELETE CASCADE)");
        exec("INSERT INTO " + p + " VALUES (1), (2)");
        exec("INSERT INTO " + ch + " SELECT g, 1 + g % 2 FROM generate_series(1, " + (ROWS - 1) + ") g");
        // 2 parent rows + 19 cascaded child rows = 21 > 20
        assertDsqlError(() -> exec("DELETE FROM " + p), "54000", DsqlErrors.ROW_LIMIT.message());
        assertThat(count(ch)).isEqualTo(ROWS - 1);
        assertThat(count(p)).isEqualTo(2);
    }

    @Test
    void sizeLimitIsCheckedAtCommit() throws Exception {
        // §2: 10 MiB (here 8 KiB) of modified data, checked at COMMIT, with DSQL's DETAIL
        String t = table();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO " + t + " SELECT g, repeat(md5(g::text), 40) FROM generate_series(1, 10) g");
            assertThatThrownBy(c::commit).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("54000");
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(DsqlErrors.sizeLimit(1, 1).message());
                assertThat(e.getServerErrorMessage().getDetail()).startsWith("Current transaction size ");
            });
        }
        assertThat(count(t)).isZero();
        // autocommit: the same statement fails as a whole
        assertThatThrownBy(() -> exec("INSERT INTO " + t + " SELECT g, repeat(md5(g::text), 40) FROM generate_series(1, 10) g"))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54000"));
        assertThat(count(t)).isZero();
    }

    @Test
    void ageLimitIsCheckedAtCommit() throws Exception {
        // §2 [3P spike]: pg_sleep runs to completion, then COMMIT fails with 54000
        String t = table();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO " + t + " VALUES (1, 'a')");
            s.execute("SELECT pg_sleep(1.3)");
            assertThatThrownBy(c::commit).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("54000");
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("transaction age limit of 1s exceeded");
                assertThat(e.getServerErrorMessage().getDetail()).matches("Current transaction age \\d+s exceeds 1s");
            });
            c.setAutoCommit(true);
            // the session goes on
            assertThat(s.execute("SELECT 1")).isTrue();
        }
        assertThat(count(t)).isZero();
        try (RawClient raw = new RawClient(local.port())) {
            raw.startup();
            assertThat(RawClient.tags(raw.query("INSERT INTO " + t + " SELECT 2, pg_sleep(1.3)::text")))
                    .containsExactly("ERROR 54000 transaction age limit of 1s exceeded");
        }
        assertThat(count(t)).isZero();
    }

    @Test
    void connectionIsClosedAfterItsLifetime() throws Exception {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThat(s.execute("SELECT 1")).isTrue();
            Thread.sleep(LIFETIME.toMillis() + 1500);
            assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void oversizedMessageIsRefusedAndOnlyThatConnectionCloses() throws Exception {
        // §2 / §9.3: 08P01 "invalid message length" (the docs' text), then the connection closes
        try (Connection other = local.connect(); RawClient raw = new RawClient(local.port())) {
            raw.startup();
            raw.send(new FrontendMessage.Query("SELECT '" + "x".repeat(70 * 1024) + "'"));
            BackendMessage m = raw.read();
            assertThat(m).isInstanceOfSatisfying(BackendMessage.ErrorResponse.class, e -> {
                assertThat(e.field('S')).isEqualTo("FATAL");
                assertThat(e.sqlstate()).isEqualTo("08P01");
                assertThat(e.message()).isEqualTo(DsqlErrors.INVALID_MESSAGE_LENGTH.message());
            });
            assertThat(raw.closedByServer()).isTrue();
            try (Statement s = other.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
    }
}
