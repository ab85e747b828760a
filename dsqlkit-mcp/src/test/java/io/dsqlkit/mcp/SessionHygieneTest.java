package io.dsqlkit.mcp;

import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.db.SessionHygiene;
import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.mcp.tools.ToolContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/** No session state survives a call: what the end-of-call check finds, and what happens to a dirty connection. */
class SessionHygieneTest {

    @Test
    void theCheckNamesEveryKindOfLeftoverState() throws Exception {
        // Each leftover made on the PostgreSQL behind local DSQL (the gateway, like DSQL, refuses most of these statements).
        List<String[]> cases = List.of(
                new String[] {"SELECT pg_advisory_lock(4343)", "advisory locks"},
                new String[] {"BEGIN; DECLARE c CURSOR WITH HOLD FOR SELECT 1; COMMIT", "open cursors"},
                new String[] {"PREPARE p AS SELECT 1", "prepared statements"},
                new String[] {"LISTEN chan", "LISTEN channels"},
                new String[] {"CREATE TEMP TABLE tmp_x (id int)", "temporary objects"},
                new String[] {"SET search_path TO pg_catalog", "changed settings"});
        for (String[] c : cases) {
            try (Connection pg = SharedDsqlLocal.get().postgres().connect(); Statement st = pg.createStatement()) {
                assertThat(SessionHygiene.leftover(pg)).as("fresh session").isEmpty();
                st.execute(c[0]);
                assertThat(SessionHygiene.leftover(pg)).as(c[0]).contains(c[1]);
            }
        }
    }

    @Test
    void aPooledConnectionOfTheServerStartsClean() throws Exception {
        try (Connection c = TestDatabase.database().connection()) {
            assertThat(SessionHygiene.leftover(c)).isEmpty(); // the check must not flag the driver's own state
        }
    }

    @Test
    void aSettingChangedByACommittedWriteDropsTheConnection() throws Exception {
        // SET search_path survives a COMMIT (a ROLLBACK would undo it): a write that changes a session setting through
        // a function it calls is committed, and its connection is dropped instead of going back to the pool.
        String t = SharedDsqlLocal.uniqueName("hygiene");
        TestDatabase.admin("CREATE TABLE " + t + " (id int PRIMARY KEY, n int)");
        try (Connection pg = SharedDsqlLocal.get().postgres().connect(); Statement st = pg.createStatement()) {
            st.execute("CREATE FUNCTION " + t + "_sp() RETURNS int LANGUAGE sql AS "
                    + "$$ SELECT length(set_config('search_path', 'evil, public', false)) $$");
            st.execute("GRANT EXECUTE ON FUNCTION " + t + "_sp() TO PUBLIC");
        }
        Endpoint direct = TestDatabase.endpoint(SharedDsqlLocal.get());
        try (RoundTripProxy proxy = new RoundTripProxy(direct.host(), direct.port());
             HikariDataSource ds = DataSources.pooled(new Endpoint(direct.kind(), "127.0.0.1", proxy.port(), direct.database(),
                     direct.user(), direct.password(), direct.tls(), direct.tokenLifetime()), PoolSettings.defaults().withMaxPoolSize(1),
                     "hygiene")) {
            ToolAdapter rw = new ToolAdapter(Database.of(ds, "hygiene"), ServerSettings.defaults(true));
            assertThat(call(rw, "execute", Map.of("sql", "INSERT INTO " + t + " VALUES (1, 0)")).isError()).isFalse();
            assertThat(call(rw, "execute", Map.of("sql", "INSERT INTO " + t + " VALUES (2, 0)")).isError()).isFalse();
            assertThat(proxy.connections()).as("a clean write keeps its connection").isEqualTo(1);

            McpSchema.CallToolResult r = call(rw, "execute", Map.of("sql", "INSERT INTO " + t + " SELECT 3, " + t + "_sp()"));
            assertThat(r.isError()).as(r.toString()).isFalse();
            assertThat(structured(call(rw, "query", Map.of("sql", "SELECT current_setting('search_path') AS sp"))).toString())
                    .doesNotContain("evil");
            assertThat(proxy.connections()).as("the dirty connection was dropped").isEqualTo(2);
        }
        try (Connection c = TestDatabase.connect()) {
            assertThat(Fingerprint.one(c, "SELECT count(*) FROM " + t)).as("the write itself committed").isEqualTo("3");
        }
    }

    @Test
    void anAdvisoryLockTakenDuringAReadDoesNotSurviveIt() throws Exception {
        // A read that slips past the guards (here: work handed straight to the executor) takes a session lock
        // through ts_stat's SQL text; the end-of-call check sees it and the connection is dropped, which frees it.
        // On plain PostgreSQL, as a role that may take advisory locks (local DSQL lets no client role take one).
        try (Database direct = postgresDirect()) {
            SqlExecutor ex = new SqlExecutor(new ToolContext(direct, ServerSettings.defaults(false), null, null, null));
            int pid = ex.inReadOnlyTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT count(*) FROM ts_stat('SELECT to_tsvector(pg_advisory_lock(4344)::text)')").close();
                    try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(direct.awaitReleases(java.time.Duration.ofSeconds(30))).isTrue();
            assertThat(SessionHygiene.checksAdvisoryLocks(direct)).as("a superuser may take advisory locks").isTrue();
            String held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4344";
            try (Connection c = SharedDsqlLocal.get().postgres().connect()) {
                // the pool closes evicted connections on its own thread: wait for it (bounded), never assert a time
                String n = Fingerprint.one(c, held);
                for (int i = 0; i < 300 && !n.equals("0"); i++) {
                    Thread.sleep(100);
                    n = Fingerprint.one(c, held);
                }
                assertThat(n).as("the advisory lock outlived the call").isEqualTo("0");
                assertThat(Fingerprint.one(c, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)).isEqualTo("0");
            }
        }
    }

    @Test
    void readsOnLocalDsqlSkipTheAdvisoryLockScan() throws Exception {
        // local DSQL's engine lets no client role take an advisory lock (DSQL has none): after the first check has
        // found that out, reads are checked without the pg_locks scan. Its own local DSQL: the shared one holds the
        // adversarial tests' SECURITY DEFINER lock takers, which rightly keep the scan on.
        try (DsqlLocal local = DsqlLocal.start()) {
            Endpoint e = TestDatabase.endpoint(local);
            try (Database db = new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "hygiene-local"), "hygiene " + e)) {
                ToolAdapter ro = new ToolAdapter(db, ServerSettings.defaults(false));
                assertThat(SessionHygiene.checksAdvisoryLocks(db)).as("before the first check").isNull();
                for (int i = 0; i < 3; i++) {
                    assertThat(call(ro, "query", Map.of("sql", "SELECT " + i + " AS n")).isError()).isFalse();
                    assertThat(db.awaitReleases(java.time.Duration.ofSeconds(30))).isTrue();
                }
                assertThat(SessionHygiene.checksAdvisoryLocks(db)).isFalse();
                try (Connection su = local.postgres().connect(); Statement st = su.createStatement()) {
                    // a lock taker the superuser makes later is not seen (the answer is kept): the guards refuse it
                    st.execute("CREATE FUNCTION hyg_lock() RETURNS int LANGUAGE sql SECURITY DEFINER AS "
                            + "$$ SELECT 1 FROM (SELECT pg_advisory_lock(4345)) s $$");
                }
                McpSchema.CallToolResult r = call(ro, "query", Map.of("sql", "SELECT hyg_lock()"));
                assertThat(r.isError()).as(r.toString()).isTrue();
            }
            try (Database db = new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "hygiene-local2"), "hygiene2 " + e)) {
                ToolAdapter ro = new ToolAdapter(db, ServerSettings.defaults(false));
                assertThat(call(ro, "query", Map.of("sql", "SELECT 1 AS n")).isError()).isFalse();
                assertThat(db.awaitReleases(java.time.Duration.ofSeconds(30))).isTrue();
                assertThat(SessionHygiene.checksAdvisoryLocks(db)).as("a SECURITY DEFINER lock taker exists now").isTrue();
            }
            try (Connection su = local.postgres().connect(); Statement st = su.createStatement()) {
                st.execute("DROP FUNCTION hyg_lock()");
                // a catalog the question cannot read: the answer is "yes", and reads go on with the full check
                st.execute("REVOKE SELECT ON pg_catalog.pg_language FROM PUBLIC");
            }
            try (Database db = new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "hygiene-local3"), "hygiene3 " + e)) {
                ToolAdapter ro = new ToolAdapter(db, ServerSettings.defaults(false));
                for (int i = 0; i < 3; i++) {
                    assertThat(call(ro, "query", Map.of("sql", "SELECT " + i + " AS n")).isError()).isFalse();
                    assertThat(db.awaitReleases(java.time.Duration.ofSeconds(30))).isTrue();
                }
                assertThat(SessionHygiene.checksAdvisoryLocks(db)).as("the question failed").isTrue();
                assertThat(SessionHygiene.checksSessions(db)).as("the check itself still runs").isTrue();
            }
        }
    }

    /** The PostgreSQL behind the shared local DSQL, as its superuser: plain PostgreSQL, where advisory locks exist. */
    private static Database postgresDirect() {
        var pg = SharedDsqlLocal.get().postgres();
        Endpoint e = new Endpoint(Endpoint.Kind.URL, "127.0.0.1", pg.port(), "postgres", "postgres",
                TokenProvider.staticPassword(pg.superuserPassword()), null, null);
        return new Database(() -> DataSources.pooled(e, PoolSettings.defaults(), "hygiene-direct"), "hygiene direct");
    }
}
