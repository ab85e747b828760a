package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.DataRow;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.BackendMessage.RowDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point reads a client sends again and again as simple Queries with other integers are prepared once per backend
 * session and answered exactly as the Query would have been: the same messages (no ParseComplete or BindComplete
 * reaches the client), the same rows, the same errors at the same positions; a statement made stale by DDL (through
 * the gateway or past it) or deallocated is not used, and a read in a transaction block is not prepared.
 */
class PreparedReadsTest {
    static DsqlLocal local;

    @BeforeAll
    static void start() throws SQLException {
        local = DsqlLocal.builder().auth(AuthMode.NONE).start();
        try (Connection c = local.connect(); Statement s = c.createStatement()) {
            for (String t : List.of("pr_t", "pr_stale", "pr_ddl", "pr_block", "pr_pool")) {
                s.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)");
                s.execute("INSERT INTO " + t + " SELECT g, 'v' || g FROM generate_series(1, 200) g");
            }
            s.execute("CREATE TABLE pr_enc (id int PRIMARY KEY, \"caf\u00e9\" text)");
            s.execute("INSERT INTO pr_enc SELECT g, 'v' || g FROM generate_series(1, 200) g");
        }
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    /** Enough sightings for the gateway to know the text's shape and its lint verdict, then some prepared uses. */
    private static final int REPEATS = 6;

    private static List<String> preparedStatements(RawClient c) throws Exception {
        return values(c.query("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'dsqlkit%' ORDER BY prepare_time"));
    }

    /** {@code prefix} and the integers 10, 11, ... as Queries, {@link #REPEATS} times: the read is prepared after. */
    private static void readRepeatedly(RawClient c, String prefix) throws Exception {
        for (int i = 0; i < REPEATS; i++) c.query(prefix + (10 + i));
    }

    private static List<String> kinds(List<BackendMessage> ms) {
        return ms.stream().map(m -> m.getClass().getSimpleName()).toList();
    }

    private static List<String> values(List<BackendMessage> ms) {
        List<String> out = new ArrayList<>();
        for (BackendMessage m : ms) {
            if (m instanceof DataRow r) out.add(new String(r.values().get(0).toArray(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String value(List<BackendMessage> ms) {
        for (BackendMessage m : ms) {
            if (m instanceof DataRow r) return new String(r.values().get(0).toArray(), StandardCharsets.UTF_8);
        }
        return null;
    }

    @Test
    void aRepeatedPointReadIsPreparedOnceAndAnsweredAsTheQueryWouldBe() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            List<BackendMessage> first = c.query("SELECT v FROM pr_t WHERE id = 17");
            for (int i = 0; i < REPEATS; i++) {
                int id = 20 + i * 7;
                List<BackendMessage> got = c.query("SELECT v FROM pr_t WHERE id = " + id);
                assertThat(kinds(got)).as("id %d", id)
                        .containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
                assertThat(got.get(0)).isEqualTo(first.get(0)); // the same column description
                assertThat(value(got)).isEqualTo("v" + id);
                assertThat(RawClient.tags(got)).containsExactly("SELECT 1");
                assertThat(got.get(3)).isEqualTo(first.get(3));
            }
            // The integer went as a parameter, padded to the literal's length: one statement for every id of two digits.
            assertThat(preparedStatements(c)).containsExactly("SELECT v FROM pr_t WHERE id = $1");
            assertThat(kinds(c.query("SELECT v FROM pr_t WHERE id = 123456"))).containsExactly("RowDescription", "CommandComplete", "ReadyForQuery");
            // A one-digit literal is shorter than "$1": it stays in the text (no parameter, so not prepared).
            assertThat(value(c.query("SELECT v FROM pr_t WHERE id = 5"))).isEqualTo("v5");
            assertThat(preparedStatements(c)).hasSize(2).contains("SELECT v FROM pr_t WHERE id = $1    ");
        }
    }

    @Test
    void integersBeyondIntegerAreBigintOrNumericAsLiteralsAre() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            for (int i = 0; i < REPEATS; i++) {
                assertThat(RawClient.tags(c.query("SELECT id FROM pr_t WHERE id < " + (3_000_000_000L + i)))).containsExactly("SELECT 200");
                assertThat(RawClient.tags(c.query("SELECT id FROM pr_t WHERE id < 9999999999999999999999" + i))).containsExactly("SELECT 200");
                assertThat(value(c.query("SELECT id * 3000000000 FROM pr_t WHERE id = 1" + i))).isEqualTo(Long.toString((10 + i) * 3_000_000_000L));
            }
            assertThat(preparedStatements(c)).contains("SELECT id FROM pr_t WHERE id < $1" + " ".repeat(10 - 2),
                    "SELECT id FROM pr_t WHERE id < $1" + " ".repeat(23 - 2));
            assertThat(values(c.query("SELECT parameter_types::text FROM pg_prepared_statements WHERE statement LIKE '%id < $1  %' ORDER BY 1")))
                    .containsExactly("{bigint}", "{numeric}");
        }
    }

    @Test
    void anErrorIsTheQuerysAtTheSamePositionAndTheStatementIsNotKept() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            String first = null;
            for (int i = 0; i < REPEATS; i++) {
                String sql = "SELECT v FROM pr_t WHERE v = " + (1000 + i);
                List<BackendMessage> got = c.query(sql);
                assertThat(kinds(got)).containsExactly("ErrorResponse", "ReadyForQuery");
                ErrorResponse e = (ErrorResponse) got.get(0);
                assertThat(e.sqlstate()).isEqualTo("42883");
                assertThat(e.message()).isEqualTo("operator does not exist: text = integer");
                assertThat(e.field('P')).isEqualTo(Integer.toString(sql.indexOf('=') + 1));
                if (first == null) first = e.toString();
                assertThat(e.toString()).isEqualTo(first);
            }
            assertThat(preparedStatements(c)).isEmpty();
            assertThat(value(c.query("SELECT v FROM pr_t WHERE id = 42"))).isEqualTo("v42");
        }
    }

    @Test
    void aStatementMadeStaleByDdlPastTheGatewayIsRetriedAsTheQuery() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            readRepeatedly(c, "SELECT * FROM pr_stale WHERE id = ");
            assertThat(preparedStatements(c)).containsExactly("SELECT * FROM pr_stale WHERE id = $1");
            try (Connection su = local.postgres().connect(); Statement s = su.createStatement()) {
                s.execute("ALTER TABLE pr_stale ADD COLUMN extra int"); // PostgreSQL direct: the gateway does not see it
            }
            List<BackendMessage> got = c.query("SELECT * FROM pr_stale WHERE id = 33");
            assertThat(kinds(got)).containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(((RowDescription) got.get(0)).columns()).hasSize(3);
            // Prepared afresh next time, the stale one closed.
            c.query("SELECT * FROM pr_stale WHERE id = 34");
            got = c.query("SELECT * FROM pr_stale WHERE id = 35");
            assertThat(((RowDescription) got.get(0)).columns()).hasSize(3);
            assertThat(preparedStatements(c)).containsExactly("SELECT * FROM pr_stale WHERE id = $1");
        }
    }

    @Test
    void ddlThroughTheGatewayRetiresEveryBackendsPreparedReads() throws Exception {
        try (RawClient c = new RawClient(local.port()); Connection other = local.connect(); Statement s = other.createStatement()) {
            c.startup();
            readRepeatedly(c, "SELECT * FROM pr_ddl WHERE id = ");
            assertThat(preparedStatements(c)).containsExactly("SELECT * FROM pr_ddl WHERE id = $1");
            s.execute("ALTER TABLE pr_ddl ADD COLUMN extra int");
            // As on DSQL, the session's first statement after another's DDL fails with OC001 (its catalog is stale).
            List<BackendMessage> got = c.query("SELECT * FROM pr_ddl WHERE id = 32");
            if (got.get(0) instanceof ErrorResponse e) {
                assertThat(e.sqlstate()).isEqualTo("40001");
                assertThat(e.message()).contains("OC001");
            }
            got = c.query("SELECT * FROM pr_ddl WHERE id = 33");
            assertThat(kinds(got)).containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
            assertThat(((RowDescription) got.get(0)).columns()).hasSize(3);
            assertThat(preparedStatements(c)).containsExactly("SELECT * FROM pr_ddl WHERE id = $1"); // the old one closed
        }
    }

    @Test
    void aTextInAnotherClientEncodingReachesPostgresAsItsBytes() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
            p.put("user", "admin");
            p.put("database", "postgres");
            p.put("client_encoding", "LATIN1");
            c.send(new io.dsqlkit.local.gateway.protocol.FrontendMessage.StartupMessage(
                    io.dsqlkit.local.gateway.protocol.FrontendMessage.PROTOCOL_3_0, p));
            c.untilReady();
            for (int i = 0; i < REPEATS; i++) {
                // A Query is the type byte, its length, the text in the client's encoding and a NUL.
                byte[] text = ("SELECT caf\u00e9 FROM pr_enc WHERE id = " + (10 + i)).getBytes(StandardCharsets.ISO_8859_1);
                java.nio.ByteBuffer q = java.nio.ByteBuffer.allocate(text.length + 6);
                q.put((byte) 'Q').putInt(text.length + 5).put(text).put((byte) 0);
                c.sendRaw(q.array());
                List<BackendMessage> got = c.untilReady();
                assertThat(kinds(got)).as(got.toString()).containsExactly("RowDescription", "DataRow", "CommandComplete", "ReadyForQuery");
                assertThat(value(got)).isEqualTo("v" + (10 + i));
            }
        }
    }

    @Test
    void aReadInATransactionBlockIsNotPrepared() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            c.query("BEGIN");
            for (int i = 0; i < REPEATS; i++) assertThat(value(c.query("SELECT v FROM pr_block WHERE id = " + (10 + i)))).isEqualTo("v" + (10 + i));
            assertThat(RawClient.tags(c.query("COMMIT"))).containsExactly("COMMIT");
            assertThat(preparedStatements(c)).isEmpty();
        }
    }

    @Test
    void aPooledBackendComesWithoutTheLastClientsPreparedReads() throws Exception {
        try (RawClient c = new RawClient(local.port())) {
            c.startup();
            readRepeatedly(c, "SELECT v FROM pr_pool WHERE id = ");
            assertThat(preparedStatements(c)).containsExactly("SELECT v FROM pr_pool WHERE id = $1");
        }
        for (int round = 0; round < 3; round++) {
            try (RawClient c = new RawClient(local.port())) {
                c.startup();
                for (int i = 0; i < REPEATS; i++) {
                    assertThat(value(c.query("SELECT v FROM pr_pool WHERE id = " + (10 + i)))).isEqualTo("v" + (10 + i));
                }
                assertThat(preparedStatements(c)).containsExactly("SELECT v FROM pr_pool WHERE id = $1");
            }
        }
    }
}
