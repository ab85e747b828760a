package io.dsqlkit.mcp;

import io.dsqlkit.mcp.db.FunctionGuard;
import io.dsqlkit.mcp.db.StatementGuard;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Stream;

import static io.dsqlkit.mcp.TestDatabase.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipelined function guard ({@link FunctionGuard#pipelined}) travels in the same round trip as the read it
 * guards, so it must stop the read on the server, not after the fact: for every forbidden function, however it is
 * spelled (quoted, upper case, U&amp;-escaped, schema-qualified, in a CTE, a subquery, a FROM item, a WHERE, attribute
 * notation, an operator, a domain cast, a view), the guard statement fails and the read sent after it before the
 * same Sync never runs. Checked directly on the wire (bypassing the text-layer blocklist that normally refuses the
 * built-ins first), then through the query tool.
 */
class PipelinedGuardTest {
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));
    static final String X = SharedDsqlLocal.uniqueName("pipe");
    static final String T = X + "_t";
    static final int KEY = 4711;

    @BeforeAll
    static void setUp() throws Exception {
        TestDatabase.admin("CREATE TABLE " + T + " (id int PRIMARY KEY, v text)", "INSERT INTO " + T + " VALUES (1, 'a')");
        // user functions with a side effect that outlives a rolled-back read-only transaction: a session advisory lock
        // run as their owner, the superuser (SECURITY DEFINER): local DSQL lets no client role take an advisory lock itself
        String lock = "(SELECT 1 FROM (SELECT pg_advisory_lock(" + KEY + ")) s)";
        try (Connection c = SharedDsqlLocal.get().postgres().connect(); java.sql.Statement s = c.createStatement()) {
            for (String q : new String[] {
                    "CREATE FUNCTION " + X + "_lock() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                    "CREATE FUNCTION " + X + "_dblink_exec(text, text) RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT 'OK' || " + lock + " $$",
                    "CREATE FUNCTION public.\"select\"() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                    "CREATE FUNCTION " + X + "_attr(" + T + ") RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                    "CREATE FUNCTION " + X + "_eq(int, int) RETURNS boolean LANGUAGE sql SECURITY DEFINER AS $$ SELECT $1 = $2 AND " + lock + " = 1 $$",
                    "CREATE OPERATOR public.=#= (LEFTARG = int, RIGHTARG = int, FUNCTION = " + X + "_eq)",
                    "CREATE DOMAIN " + X + "_dom AS int CHECK (VALUE > " + X + "_lock() - 100)",
                    "CREATE VIEW " + X + "_view AS SELECT " + X + "_lock() AS l",
                    "GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC",
                    "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC"}) {
                s.execute(q);
            }
        }
    }

    static Stream<String> forbidden() {
        String lockCall = "pg_advisory_lock(" + KEY + ")";
        return Stream.of(
                // built-ins off the allowlist, in every spelling
                "SELECT pg_advisory_lock(" + KEY + ")",
                "SELECT PG_ADVISORY_LOCK(" + KEY + ")",
                "SELECT \"pg_advisory_lock\"(" + KEY + ")",
                "SELECT pg_catalog.pg_advisory_lock(" + KEY + ")",
                "SELECT PG_CATALOG.\"pg_advisory_lock\"(" + KEY + ")",
                "SELECT U&\"pg\\005fadvisory\\005flock\"(" + KEY + ")",
                "SELECT pg_terminate_backend(pg_backend_pid())",
                "SELECT set_config('search_path', 'evil', false)",
                "SELECT pg_catalog.set_config('statement_timeout', '1', false)",
                "SELECT lo_import('/etc/hostname')",
                "SELECT pg_read_file('/etc/hostname')",
                "SELECT length(pg_read_file('/etc/hostname'))",
                "SELECT " + lockCall,
                "WITH x AS (SELECT " + lockCall + " AS l) SELECT * FROM x",
                "SELECT * FROM (SELECT " + lockCall + ") s",
                "SELECT 1 WHERE " + lockCall + " IS NOT NULL",
                "SELECT * FROM " + lockCall,
                "SELECT * FROM " + T + " t, LATERAL (SELECT pg_catalog." + lockCall + ") l",
                "SELECT (SELECT (SELECT \"pg_advisory_lock\"(" + KEY + ")))",
                "SELECT CASE WHEN false THEN " + lockCall + " END",
                // user functions: plain, quoted, qualified, dblink-like, named by a reserved key word, attribute notation
                "SELECT " + X + "_lock()",
                "SELECT \"" + X + "_lock\"()",
                "SELECT public." + X + "_lock()",
                "SELECT \"public\".\"" + X + "_lock\"()",
                "SELECT " + X + "_dblink_exec('dbname=postgres', 'DELETE FROM " + T + "')",
                "WITH w AS (SELECT public." + X + "_dblink_exec('a', 'b') AS r) SELECT r FROM w",
                "SELECT public.select()",
                "SELECT public.\"select\"()",
                "SELECT t." + X + "_attr FROM " + T + " t",
                // what runs a user function without naming it
                "SELECT 1 =#= 1",
                "SELECT 1 OPERATOR(public.=#=) 1",
                "SELECT 5::" + X + "_dom",
                "SELECT CAST(5 AS " + X + "_dom)",
                "SELECT * FROM " + X + "_view");
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void theGuardFailsAndTheReadSentWithItNeverRuns(String sql) throws Exception {
        Statement s = StatementGuard.single(sql);
        FunctionGuard.Pipelined guard = FunctionGuard.pipelined(s);
        assertThat(guard).as("%s names something to look up", sql).isNotNull();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(guard.sql() + ";\n" + sql.replace("?", "??"))) {
                guard.bind(c, ps);
                assertThatThrownBy(ps::execute).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(FunctionGuard.Pipelined.declined(e)).as(e.getMessage()).isTrue();
                    assertThat(e.getMessage()).contains("dsqlkit function guard: ");
                });
            }
            c.rollback();
            assertThat(Fingerprint.one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                    .as("the read ran: " + sql).isEqualTo("0");
        }
    }

    @Test
    void aGuardThatPassesLetsTheReadRunInTheSameRoundTrip() throws Exception {
        // The control: a guard computed for a clean read passes, and what follows it runs (here a user function that
        // takes a session lock, which the rollback does not free): so the checks above would see a read that ran.
        FunctionGuard.Pipelined guard = FunctionGuard.pipelined(StatementGuard.single("SELECT 1 AS clean"));
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(guard.sql() + ";\nSELECT " + X + "_lock()")) {
                guard.bind(c, ps);
                assertThat(ps.execute()).isTrue();
            }
            c.rollback();
            assertThat(Fingerprint.one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                    .isEqualTo("1");
        }
        // closing the session frees its lock; wait for the backend to go (bounded), never assert a time
        try (Connection c = TestDatabase.connect()) {
            String held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = " + KEY;
            for (int i = 0; i < 300 && !Fingerprint.one(c, held).equals("0"); i++) Thread.sleep(100);
        }
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void theQueryToolRefusesIt(String sql) throws Exception {
        McpSchema.CallToolResult r = call(RO, "query", Map.of("sql", sql));
        assertThat(r.isError()).as("%s must be refused: %s", sql, r).isTrue();
        assertThat(r.toString()).doesNotContain("dsqlkit function guard", "invalid input syntax");
        try (Connection c = TestDatabase.connect()) {
            assertThat(Fingerprint.one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = " + KEY))
                    .as("a lock outlived: " + sql).isEqualTo("0");
        }
    }
}
