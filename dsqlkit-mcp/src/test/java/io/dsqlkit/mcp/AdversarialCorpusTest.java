package io.dsqlkit.mcp;

import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adversarial corpus ({@code adversarial-corpus.txt}): functions that run SQL text, admin/file/
 * signal functions, user functions in every disguise, views and domains wrapping them, operators,
 * attribute notation, planner-time evaluation, tenant leaks through Function Scans, xml functions,
 * outer references and quoted aliases with quotes. Each attack runs through the tools against the
 * shared local DSQL and must be refused, leaving every fingerprinted thing as it was.
 */
class AdversarialCorpusTest {
    static final ToolAdapter RO = TestDatabase.adapter(ServerSettings.defaults(false));
    static final ToolAdapter TENANT = TestDatabase.adapter(ServerSettings.defaults(false).withTenant("t1"));
    static final String X = SharedDsqlLocal.uniqueName("evil");
    static final String T = X + "_canary";
    static final String O = X + "_orders";
    static final String I = X + "_items";
    static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "dsqlkit-corpus-" + ProcessHandle.current().pid());
    static final String LONG_NAME = X + "_looooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooong";
    static Connection victim;
    static int victimPid;

    @BeforeAll
    static void setUp() throws Exception {
        victim = TestDatabase.connect();
        try (ResultSet rs = victim.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            victimPid = rs.getInt(1);
        }
        TestDatabase.admin(
                "CREATE TABLE " + T + " (id int PRIMARY KEY, v text)",
                "INSERT INTO " + T + " VALUES (1, 'a;b'), (2, 'x')",
                "CREATE SEQUENCE " + T + "_seq CACHE 1",
                "CREATE TABLE " + O + " (id int PRIMARY KEY, tenant_id text NOT NULL, secret text, note text)",
                "INSERT INTO " + O + " VALUES (1, 't1', 'secret-t1', 'n'), (2, 't2', 'secret-t2', 'n')",
                "CREATE TABLE " + I + " (id int PRIMARY KEY, tenant_id text NOT NULL, order_id int, secret text)",
                "INSERT INTO " + I + " VALUES (1, 't1', 1, 'secret-t1-item'), (2, 't2', 2, 'secret-t2-item')");
        // The evil objects need what DSQL would refuse to create; they are made directly in the PostgreSQL
        // behind the gateway (as a user with the rights could on plain PostgreSQL) and granted to everyone. The lock
        // takers run as their owner, the superuser (SECURITY DEFINER): local DSQL lets no client role take one itself.
        String lock = "(SELECT 1 FROM (SELECT pg_advisory_lock(4242)) s)";
        superuser(
                "CREATE FUNCTION " + X + "_lock() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                "CREATE FUNCTION " + X + "_kill() RETURNS boolean LANGUAGE sql AS $$ SELECT pg_terminate_backend(" + victimPid + ") $$",
                "CREATE FUNCTION " + X + "_imm(int) RETURNS int LANGUAGE sql IMMUTABLE SECURITY DEFINER AS $$ SELECT $1 + " + lock + " $$",
                "CREATE FUNCTION " + X + "_attr(" + T + ") RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                "CREATE FUNCTION " + X + "_rows() RETURNS SETOF int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                "CREATE FUNCTION " + LONG_NAME + "() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT " + lock + " $$",
                "CREATE FUNCTION " + X + "_eq(int, int) RETURNS boolean LANGUAGE sql SECURITY DEFINER AS $$ SELECT $1 = $2 AND " + lock + " = 1 $$",
                "CREATE OPERATOR public.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = " + X + "_eq)",
                "CREATE DOMAIN " + X + "_dom AS int CHECK (VALUE > " + X + "_lock() - 100)",
                "CREATE FUNCTION " + X + "_tenant_rows() RETURNS SETOF " + O + " LANGUAGE sql VOLATILE AS $$ SELECT * FROM " + O + " $$",
                "CREATE VIEW " + X + "_view AS SELECT " + X + "_lock() AS l",
                "CREATE VIEW " + X + "_view2 AS SELECT * FROM " + X + "_view",
                "CREATE VIEW " + X + "_xmlview AS SELECT query_to_xml('SELECT " + X + "_lock()', true, true, '') AS x",
                "CREATE VIEW " + X + "_tsview AS SELECT * FROM ts_stat('SELECT to_tsvector(" + X + "_lock()::text)')",
                "CREATE VIEW " + X + "_killview AS SELECT " + X + "_kill() AS k",
                "CREATE VIEW " + X + "_tenant_view AS SELECT * FROM " + X + "_tenant_rows()",
                "GRANT ALL ON ALL TABLES IN SCHEMA public TO PUBLIC",
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC");
    }

    @AfterAll
    static void tearDown() throws Exception {
        superuser("DROP OPERATOR IF EXISTS public.=== (int, int)");
        if (victim != null) victim.close();
    }

    static void superuser(String... sql) throws SQLException {
        try (Connection c = SharedDsqlLocal.get().postgres().connect(); Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    static Stream<String[]> attacks() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                AdversarialCorpusTest.class.getResourceAsStream("adversarial-corpus.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int bar = line.indexOf('|');
                String sql = line.substring(bar + 1).strip()
                        .replace("{t}", T).replace("{seq}", T + "_seq").replace("{x}", X).replace("{o}", O).replace("{i}", I)
                        .replace("{file}", FILE.toString());
                out.add(new String[] {line.substring(0, bar).strip(), sql});
            }
        }
        return out.stream();
    }

    static String fingerprint() throws SQLException {
        return new Fingerprint().table(T).table(O).table(I).sequence(T + "_seq").session(victim).file(FILE).take();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attacks")
    void attackIsRefusedAndChangesNothing(String mode, String template) throws Exception {
        String sql = template.replace("{victim}", Integer.toString(victimPid));
        String before = fingerprint();
        List<String> tools = mode.equals("ro") ? List.of("query", "readonly_query", "explain") : List.of("query", "explain");
        ToolAdapter adapter = mode.equals("ro") ? RO : TENANT;
        for (String tool : tools) {
            McpSchema.CallToolResult r = call(adapter, tool, Map.of("sql", sql));
            assertThat(r.isError()).as("%s(%s) must be refused: %s", tool, sql, r).isTrue();
            assertThat(r.toString()).as("no other tenant's data, no file contents").doesNotContain("secret-t2", "root:x:0");
        }
        assertThat(fingerprint()).as("state changed by: " + sql).isEqualTo(before);
    }

    @Test
    void theEvilObjectsReallyAreEvil() throws Exception {
        // Guard against a corpus that proves nothing: run two attacks directly, bypassing the server.
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT " + X + "_lock()");
            assertThat(Fingerprint.one(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")).isEqualTo("1");
            assertThat(Fingerprint.one(c, "SELECT count(*) FROM " + X + "_tenant_rows() WHERE tenant_id = 't2'")).isEqualTo("1");
        }
    }

    @Test
    void legitimateTenantReadsWork() {
        for (String sql : List.of(
                "SELECT o.id, (SELECT count(*) FROM " + I + " i WHERE i.tenant_id = o.tenant_id AND i.order_id = o.id) AS items FROM " + O
                        + " o WHERE o.tenant_id = $1",
                "SELECT o.id FROM " + O + " o WHERE o.tenant_id = $1 AND EXISTS (SELECT 1 FROM " + I
                        + " e WHERE e.order_id = o.id AND e.tenant_id = o.tenant_id)",
                "SELECT \"q'\".secret FROM " + O + " \"q'\" WHERE \"q'\".tenant_id = $1",
                "SELECT \"a\"\"b\".id FROM " + O + " \"a\"\"b\" WHERE \"a\"\"b\".tenant_id = $1 AND \"a\"\"b\".note <> ' OR true'",
                "SELECT d::date, count(o.id) FROM generate_series(now() - interval '7 days', now(), interval '1 day') AS g(d) "
                        + "LEFT JOIN " + O + " o ON o.tenant_id = $1 AND o.id > 0 GROUP BY 1",
                "SELECT i.secret FROM " + I + " i JOIN " + O + " o ON o.id = i.order_id AND o.tenant_id = i.tenant_id WHERE i.tenant_id = $1")) {
            McpSchema.CallToolResult r = call(TENANT, "query", Map.of("sql", sql, "parameters", List.of("t1")));
            assertThat(r.isError()).as(sql + " -> " + r).isFalse();
            assertThat(r.toString()).doesNotContain("secret-t2");
        }
        Map<String, Object> s = structured(call(TENANT, "query", Map.of("sql", "SELECT \"q'\".secret FROM " + O
                + " \"q'\" WHERE \"q'\".tenant_id = $1", "parameters", List.of("t1"))));
        assertThat(s.get("rows")).isEqualTo(List.of(Map.of("secret", "secret-t1")));
    }
}
