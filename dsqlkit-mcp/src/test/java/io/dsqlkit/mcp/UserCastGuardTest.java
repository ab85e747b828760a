package io.dsqlkit.mcp;

import io.dsqlkit.mcp.db.FunctionGuard;
import io.dsqlkit.mcp.db.StatementGuard;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dsqlkit.mcp.TestDatabase.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cast backed by a user function runs that function without the statement naming it (AS IMPLICIT and AS
 * ASSIGNMENT casts need no cast syntax at all), so the function guard refuses every guarded statement while one
 * exists ({@code adversarial-casts.txt}). The casts are database-wide: they are created for this class only and
 * dropped after it (test classes of a JVM run one after another on the shared local DSQL).
 */
class UserCastGuardTest {
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));
    static final ToolAdapter TENANT = TestDatabase.adapter(ServerSettings.defaults(false).withTenant("t1"));
    static final ToolAdapter TENANT_WRITES = TestDatabase.adapter(ServerSettings.defaults(true).withTenant("t1"));
    static final String X = SharedDsqlLocal.uniqueName("cast");
    static final String T = X + "_canary";
    static final String O = X + "_orders";
    static final int KEY = 4713;
    static final String LOCKS = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = '" + KEY + "'";

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabase.admin(
                "CREATE TABLE " + T + " (id int PRIMARY KEY, v text, span interval)",
                "INSERT INTO " + T + " VALUES (1, 'a', NULL)",
                "CREATE TABLE " + O + " (id int PRIMARY KEY, tenant_id text NOT NULL, secret text, note text, span interval)",
                "INSERT INTO " + O + " VALUES (1, 't1', 'secret-t1', 'n', NULL), (2, 't2', 'secret-t2', 'n', NULL)");
        // run as their owner, the superuser (SECURITY DEFINER): local DSQL lets no client role take an advisory lock itself
        String lock = "(SELECT 1 FROM (SELECT pg_advisory_lock(" + KEY + ")) s)";
        superuser(
                "CREATE FUNCTION " + X + "_text(int) RETURNS text LANGUAGE sql IMMUTABLE SECURITY DEFINER AS $$ SELECT 'n' || ($1 * " + lock + ")::bigint::text $$",
                "CREATE FUNCTION " + X + "_date(int) RETURNS date LANGUAGE sql SECURITY DEFINER AS $$ SELECT DATE '2000-01-01' + ($1 * " + lock + ") $$",
                "CREATE FUNCTION " + X + "_interval(int) RETURNS interval LANGUAGE sql SECURITY DEFINER AS $$ SELECT make_interval(days => $1 * " + lock + ") $$",
                "CREATE CAST (int AS text) WITH FUNCTION " + X + "_text(int)",
                "CREATE CAST (int AS date) WITH FUNCTION " + X + "_date(int) AS IMPLICIT",
                "CREATE CAST (int AS interval) WITH FUNCTION " + X + "_interval(int) AS ASSIGNMENT",
                "GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC",
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC");
    }

    @AfterAll
    static void tearDown() throws Exception {
        superuser("DROP CAST IF EXISTS (int AS text)", "DROP CAST IF EXISTS (int AS date)", "DROP CAST IF EXISTS (int AS interval)");
    }

    static void superuser(String... sql) throws SQLException {
        try (Connection c = SharedDsqlLocal.get().postgres().connect(); java.sql.Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    static Stream<String[]> attacks() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                UserCastGuardTest.class.getResourceAsStream("adversarial-casts.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int bar = line.indexOf('|');
                String sql = line.substring(bar + 1).strip().replace("{t}", T).replace("{o}", O).replace("{x}", X);
                out.add(new String[] {line.substring(0, bar).strip(), sql});
            }
        }
        return out.stream();
    }

    static String state() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            return Fingerprint.one(c, LOCKS) + "|" + Fingerprint.one(c, "SELECT md5(string_agg(x::text, ',' ORDER BY x.id)) FROM " + T + " x")
                    + "|" + Fingerprint.one(c, "SELECT md5(string_agg(x::text, ',' ORDER BY x.id)) FROM " + O + " x");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacks")
    void refusedWhileAUserCastExists(String mode, String sql) throws Exception {
        String before = state();
        assertThat(before).startsWith("0|");
        List<String> tools = switch (mode) {
            case "ro" -> List.of("query", "readonly_query", "explain");
            case "tenant" -> List.of("query", "explain");
            case "write" -> List.of("execute");
            default -> throw new IllegalArgumentException(mode);
        };
        ToolAdapter adapter = switch (mode) {
            case "ro" -> RO;
            case "tenant" -> TENANT;
            default -> TENANT_WRITES;
        };
        for (String tool : tools) {
            Map<String, Object> args = sql.contains("$1") ? Map.of("sql", sql, "parameters", List.of("t1")) : Map.of("sql", sql);
            McpSchema.CallToolResult r = call(adapter, tool, args);
            assertThat(r.isError()).as("%s(%s) must be refused: %s", tool, sql, r).isTrue();
            assertThat(r.toString()).as("%s(%s)", tool, sql).contains("the database has a cast (", "runs the user function")
                    .doesNotContain("dsqlkit function guard", "secret-t2");
        }
        assertThat(state()).as("state changed by: " + sql).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacks")
    void thePipelinedGuardFailsAndTheReadSentWithItNeverRuns(String mode, String sql) throws Exception {
        if (!mode.equals("ro")) return;
        FunctionGuard.Pipelined guard = FunctionGuard.pipelined(StatementGuard.single(sql));
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(guard.sql() + ";\n" + sql)) {
                guard.bind(c, ps);
                assertThatThrownBy(ps::execute).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(FunctionGuard.Pipelined.declined(e)).as(e.getMessage()).isTrue();
                    assertThat(e.getMessage()).contains("dsqlkit function guard: ", "cast public." + X + "_");
                });
            }
            c.rollback();
            assertThat(Fingerprint.one(c, LOCKS)).as("the read ran: " + sql).isEqualTo("0");
        }
    }

    @Test
    void theCastsReallyRunUserFunctions() throws Exception {
        // Guard against a corpus that proves nothing: each kind of cast, applied directly (bypassing the server),
        // runs its user function, whose session lock outlives the rolled-back transaction.
        for (String sql : List.of("SELECT 1::text", "SELECT current_date IN (1)",
                "INSERT INTO " + O + " (id, tenant_id, span) VALUES (9, 't1', 5)")) {
            try (Connection c = TestDatabase.connect()) {
                c.setAutoCommit(false);
                c.createStatement().execute(sql);
                c.rollback();
                assertThat(Fingerprint.one(c, LOCKS)).as(sql).isEqualTo("1");
            }
            try (Connection c = TestDatabase.connect()) { // closing the session frees its lock: wait for it (bounded)
                for (int i = 0; i < 300 && !Fingerprint.one(c, LOCKS).equals("0"); i++) Thread.sleep(100);
            }
        }
    }

    @Test
    void aStatementNamingNothingStillCarriesTheCastCheck() {
        Statement s = StatementGuard.single("SELECT current_date IN (1)");
        FunctionGuard.Pipelined guard = FunctionGuard.pipelined(s);
        assertThat(guard.parameters()).isZero();
        assertThat(guard.sql()).contains("pg_cast");
    }

    @Test
    void aSelectOfBareLiteralsNeedsNoLookupAndRunsNoCast() throws Exception {
        for (String sql : List.of("SELECT 1", "SELECT 1, 'a', (2.5), $$x$$")) {
            assertThat(FunctionGuard.pipelined(StatementGuard.single(sql))).as(sql).isNull();
            McpSchema.CallToolResult r = call(RO, "query", Map.of("sql", sql));
            assertThat(r.isError()).as(sql + " -> " + r).isFalse();
            assertThat(state()).startsWith("0|");
        }
        for (String sql : List.of("SELECT -1", "SELECT 1 IN (1)", "SELECT $1", "SELECT 1 AS a", "VALUES (1)")) {
            assertThat(FunctionGuard.pipelined(StatementGuard.single(sql))).as(sql).isNotNull();
        }
    }
}
