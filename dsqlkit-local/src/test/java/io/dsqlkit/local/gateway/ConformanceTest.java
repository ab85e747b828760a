package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.rules.DsqlErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DSQL conformance through the gateway: each row is (input SQL, SQLSTATE, exact message, dsql-facts
 * section), run through pgjdbc (extended protocol) and through psql (simple protocol).
 */
class ConformanceTest {
    static DsqlLocal local;
    static final AtomicInteger N = new AtomicInteger();

    record Case(String section, String sql, String sqlstate, String message) {
        @Override
        public String toString() {
            return section + " " + sql;
        }
    }

    /** {t} is replaced by a fresh table name, {u} by another. */
    static List<Case> cases() {
        return List.of(
                new Case("§1.1", "CREATE TRIGGER trg BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION f()", "0A000", "CREATE TRIGGER not supported"),
                new Case("§1.1", "TRUNCATE {t}", "0A000", "unsupported statement: Truncate"),
                new Case("§1.1", "CREATE TEMPORARY TABLE {u} (id int)", "0A000", "TEMPORARY or TEMP table not supported for CREATE TABLE"),
                new Case("§1.1", "VACUUM {t}", "0A000", "unsupported VACUUM statement"),
                new Case("§1.1", "CREATE DATABASE other", "0A000", "unsupported statement: Createdb"),
                new Case("§1.1", "SAVEPOINT sp", "0A000", "unsupported transaction statement: SAVEPOINT"),
                new Case("§1.3", "BEGIN ISOLATION LEVEL SERIALIZABLE", "0A000", "Unsupported isolation level: SERIALIZABLE"),
                new Case("§1.3", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "0A000", "setting configuration parameter \"TRANSACTION\" not supported"),
                new Case("§1.3", "SET statement_timeout = 5", "0A000", "setting configuration parameter \"statement_timeout\" not supported"),
                new Case("§1.2", "CREATE TABLE {u}_a (id int PRIMARY KEY); CREATE TABLE {u}_b (id int PRIMARY KEY)",
                        DsqlErrors.MULTIPLE_DDL.sqlstate(), "multiple ddl statements not supported in a transaction"),
                new Case("§1.2", "CREATE TABLE {u}_c (id int PRIMARY KEY); INSERT INTO {u}_c VALUES (1)",
                        DsqlErrors.DDL_AND_DML.sqlstate(), "ddl and dml are not supported in the same transaction"),
                new Case("§1.2", "INSERT INTO {t} VALUES (1); CREATE TABLE {u}_d (id int PRIMARY KEY)",
                        "0A000", "ddl and dml are not supported in the same transaction"));
    }

    @BeforeAll
    static void start() {
        local = DsqlLocal.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    private static String table() throws SQLException {
        String t = "conf_" + N.incrementAndGet();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
        }
        return t;
    }

    private static String fill(Case k, String t) {
        return k.sql().replace("{t}", t).replace("{u}", "confu_" + N.incrementAndGet());
    }

    @ParameterizedTest(name = "pgjdbc {0}")
    @MethodSource("cases")
    void pgjdbc(Case k) throws Exception {
        String t = table();
        String sql = fill(k, t);
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(PSQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo(k.sqlstate());
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(k.message());
            });
            // §1.2: a refusal in autocommit does not poison the session; a multi-statement string is
            // one implicit transaction, so nothing of it remains.
            ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t);
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'confu%'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @ParameterizedTest(name = "psql {0}")
    @MethodSource("cases")
    void psql(Case k) throws Exception {
        Assumptions.assumeTrue(Psql.available(), "psql not installed");
        String t = table();
        Psql.Result r = Psql.command(local, fill(k, t));
        assertThat(r.errors()).as(r.stderr()).hasSize(1);
        assertThat(r.errors().get(0)).containsExactly(k.sqlstate(), k.message());
        Psql.Result after = Psql.command(local, "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'confu%'");
        assertThat(after.stdout().strip()).isEqualTo("0");
    }

    @Test
    void rejectionInsideBeginAbortsAndCommitAnswersRollback() throws Exception {
        // §1.2 [OBS transaction] rejection_aborts_txn
        String t = table();
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            assertThat(RawClient.tags(c.query("BEGIN"))).containsExactly("BEGIN");
            assertThat(RawClient.tags(c.query("INSERT INTO " + t + " VALUES (1, 'a')"))).containsExactly("INSERT 0 1");
            assertThat(RawClient.tags(c.query("TRUNCATE " + t))).containsExactly("ERROR 0A000 unsupported statement: Truncate");
            assertThat(RawClient.tags(c.query("SELECT 1"))).containsExactly("ERROR 25P02 " + DsqlErrors.TRANSACTION_ABORTED.message());
            var commit = c.query("COMMIT");
            assertThat(RawClient.tags(commit)).containsExactly("ROLLBACK");
            assertThat(commit.get(commit.size() - 1)).isEqualTo(new io.dsqlkit.local.gateway.protocol.BackendMessage.ReadyForQuery('I'));
            assertThat(RawClient.tags(c.query("SELECT count(*) FROM " + t))).containsExactly("SELECT 1");
        }
        assertThat(count(t)).isZero();
    }

    @Test
    void shapeViolationsInsideBeginThroughPsqlScript() throws Exception {
        Assumptions.assumeTrue(Psql.available(), "psql not installed");
        String t = table();
        String u = "confu_" + N.incrementAndGet();
        Psql.Result r = Psql.script(local, "BEGIN;\nCREATE TABLE " + u + "_x (id int PRIMARY KEY);\nCREATE TABLE " + u
                + "_y (id int PRIMARY KEY);\nSELECT 1;\nCOMMIT;\nBEGIN;\nINSERT INTO " + t + " VALUES (5, 'x');\nCREATE TABLE " + u
                + "_z (id int PRIMARY KEY);\nCOMMIT;\nSELECT 'alive';\n");
        assertThat(r.errors()).extracting(e -> e[0] + " " + e[1]).containsExactly(
                "0A000 multiple ddl statements not supported in a transaction",
                "25P02 " + DsqlErrors.TRANSACTION_ABORTED.message(),
                "0A000 ddl and dml are not supported in the same transaction");
        assertThat(r.stdout()).contains("ROLLBACK").contains("alive");
        assertThat(count(t)).isZero();
    }

    @Test
    void pgjdbcTransactionShapeWithAutocommitOff() throws Exception {
        String t = table();
        try (Connection c = local.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + t + " VALUES (1, 'a')");
                assertThatThrownBy(() -> s.execute("CREATE INDEX ASYNC ON " + t + " (v)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains(DsqlErrors.DDL_AND_DML.message()));
                assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
                c.rollback();
                s.execute("INSERT INTO " + t + " VALUES (2, 'b')");
                c.commit();
            }
        }
        assertThat(count(t)).isEqualTo(1);
    }

    @Test
    void isolationIsRepeatableReadSnapshot() throws Exception {
        // §1.3: only REPEATABLE READ (snapshot isolation)
        String t = table();
        try (Connection a = local.connect(); Connection b = local.connect()) {
            try (Statement s = a.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("repeatable read");
            }
            a.setAutoCommit(false);
            try (Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
                assertThat(countOn(sa, t)).isZero();
                sb.execute("INSERT INTO " + t + " VALUES (1, 'b')");
                assertThat(countOn(sa, t)).as("snapshot taken at the first statement").isZero();
                a.commit();
                assertThat(countOn(sa, t)).isEqualTo(1);
                a.commit();
            }
        }
    }

    @Test
    void environmentLooksLikeDsql() throws Exception {
        // §0, §1.3, §8.2: server_version 16.15 / 160015, database postgres, role admin, UTC, UTF8
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            assertThat(((PGConnection) c).getParameterStatus("server_version")).isEqualTo("16.15");
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("16.15");
            assertThat(one(s, "SHOW server_version")).isEqualTo("16.15");
            assertThat(one(s, "SHOW server_version_num")).isEqualTo("160015");
            assertThat(one(s, "SELECT current_database()")).isEqualTo("postgres");
            assertThat(one(s, "SELECT current_user")).isEqualTo("admin");
            assertThat(one(s, "SELECT current_schema()")).isEqualTo("public");
            assertThat(one(s, "SHOW client_encoding")).isEqualTo("UTF8");
        }
        try (RawClient c = new RawClient(local.port())) {
            var startup = c.startup();
            assertThat(startup).contains(new io.dsqlkit.local.gateway.protocol.BackendMessage.ParameterStatus("server_version", "16.15"),
                    new io.dsqlkit.local.gateway.protocol.BackendMessage.ParameterStatus("TimeZone", "UTC"));
            assertThat(RawClient.tags(c.query("SHOW server_version"))).containsExactly("SHOW");
        }
        if (Psql.available()) {
            assertThat(Psql.command(local, "SHOW TimeZone").stdout().strip()).isEqualTo("UTC");
            Psql.Result other = Psql.run(local, "", "dbname=nope", "-c", "SELECT 1");
            assertThat(other.stderr()).contains("database \"nope\" does not exist");
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + local.port() + "/other", "admin", ""))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("3D000");
                    assertThat(e.getMessage()).contains("database \"other\" does not exist");
                });
    }

    @Test
    void localResultsAndRewritesKeepTheirShapeThroughExtendedProtocol() throws Exception {
        try (Connection c = local.connect(); var ps = c.prepareStatement("SHOW server_version")) {
            for (int i = 0; i < 6; i++) { // past pgjdbc's prepareThreshold: named statements too
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("16.15");
                }
            }
        }
    }

    @Test
    void pipelinedBatchStopsAtTheRefusedStatementAndIsOneImplicitTransaction() throws Exception {
        // pgjdbc sends a batch as Parse/Bind/Execute x N + one Sync: the refusal is injected in
        // order, the backend skips to Sync, and the implicit transaction is undone (§1.2).
        String t = table();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO " + t + " VALUES (1, 'a')");
            s.addBatch("TRUNCATE " + t);
            s.addBatch("INSERT INTO " + t + " VALUES (2, 'b')");
            assertThatThrownBy(s::executeBatch).isInstanceOfSatisfying(java.sql.BatchUpdateException.class, e -> {
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                assertThat(cause.getSQLState()).isEqualTo("0A000");
                assertThat(cause.getMessage()).contains("unsupported statement: Truncate");
            });
            assertThat(one(s, "SELECT 'usable'")).isEqualTo("usable");
        }
        assertThat(count(t)).isZero();
    }

    @Test
    void copyFromStdinStreamsThroughAndCountsTowardsTheTransaction() throws Exception {
        // §1.1 supported list: COPY ... FROM STDIN / TO STDOUT
        String t = table();
        try (Connection c = local.connect()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long n = copy.copyIn("COPY " + t + " FROM STDIN", new java.io.StringReader("1\ta\n2\tb\n3\tc\n"));
            assertThat(n).isEqualTo(3);
            var out = new java.io.StringWriter();
            copy.copyOut("COPY " + t + " TO STDOUT", out);
            assertThat(out.toString()).isEqualTo("1\ta\n2\tb\n3\tc\n");
        }
        assertThat(count(t)).isEqualTo(3);
    }

    @Test
    void cancelRequestsReachTheBackend() throws Exception {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    s.cancel();
                } catch (Exception ignored) {
                    // the assertion below reports a missing cancel
                }
            });
            canceller.start();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            canceller.join();
            assertThat(one(s, "SELECT 'still here'")).isEqualTo("still here");
        }
    }

    static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int count(String t) throws SQLException {
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            return countOn(s, t);
        }
    }

    static int countOn(Statement s, String t) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
