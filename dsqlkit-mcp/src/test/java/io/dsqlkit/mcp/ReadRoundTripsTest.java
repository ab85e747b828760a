package io.dsqlkit.mcp;

import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read costs one round trip on a pooled connection: BEGIN READ ONLY, the function guard, the statement,
 * the session check and the ROLLBACK in one message batch. The endpoint's first read ends in a round trip of its
 * own after the answer (it learns what later checks must look for), and so does a read whose result is more than
 * one fetch, whose portal the ROLLBACK would close.
 * No validity ping after the connection idled (HikariCP's default pings after 500 ms), no session
 * reset round trip, no catalog query for column types. Counted on the wire by a proxy, not timed.
 */
class ReadRoundTripsTest {
    static RoundTripProxy proxy;
    static HikariDataSource ds;
    static ToolAdapter adapter;
    static Database database;
    static final String TABLE = SharedDsqlLocal.uniqueName("rt");

    @BeforeAll
    static void start() throws Exception {
        // DDL first: on (local) DSQL the first read after a catalog change may fail with OC001 and be retried
        TestDatabase.admin("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, v text, n numeric(10, 2), at timestamptz)",
                "INSERT INTO " + TABLE + " VALUES (1, 'a', 1.5, now()), (2, 'b', NULL, NULL)",
                "CREATE VIEW " + TABLE + "_v AS SELECT id, lower(v) AS v FROM " + TABLE);
        Endpoint direct = TestDatabase.endpoint(SharedDsqlLocal.get());
        proxy = new RoundTripProxy(direct.host(), direct.port());
        Endpoint viaProxy = new Endpoint(direct.kind(), "127.0.0.1", proxy.port(), direct.database(), direct.user(),
                direct.password(), direct.tls(), direct.tokenLifetime());
        ds = DataSources.pooled(viaProxy, PoolSettings.defaults().withMaxPoolSize(1), "round-trips");
        database = Database.of(ds, "round trips");
        adapter = new ToolAdapter(database, ServerSettings.defaults(false));
        assertThat(call(adapter, "query", Map.of("sql", "SELECT 0 AS warm")).isError()).isFalse(); // connects
        // reads end in a batch of their own once the endpoint's first check has answered; that check may fail in
        // passing (OC001: the first statement after the DDL above), and the next read asks again
        for (int i = 0; i < 10 && io.dsqlkit.mcp.db.SessionHygiene.checksAdvisoryLocks(database) == null; i++) {
            assertThat(database.awaitReleases(Duration.ofSeconds(30))).isTrue();
            if (io.dsqlkit.mcp.db.SessionHygiene.checksAdvisoryLocks(database) == null) {
                assertThat(call(adapter, "query", Map.of("sql", "SELECT 0 AS warm")).isError()).isFalse();
            }
        }
        assertThat(io.dsqlkit.mcp.db.SessionHygiene.checksAdvisoryLocks(database)).as("the first check answered").isNotNull();
    }

    @AfterAll
    static void stop() throws Exception {
        ds.close();
        proxy.close();
    }

    int roundTripsOf(String sql) {
        // an earlier test's read may still be ending (a deferred ROLLBACK after its answer): not this read's trips
        assertThat(database.awaitReleases(Duration.ofSeconds(30))).as("earlier reads ended").isTrue();
        proxy.reset();
        McpSchema.CallToolResult r = call(adapter, "query", Map.of("sql", sql));
        assertThat(r.isError()).as(r.toString()).isFalse();
        assertThat(database.awaitReleases(Duration.ofSeconds(30))).as("the read's ROLLBACK ran").isTrue();
        return proxy.roundTrips();
    }

    /**
     * BEGIN READ ONLY, the function guard's catalog query, the statement, the session check and the ROLLBACK in one
     * batch (one Sync). Unquoted reserved key words (SELECT, AS, FROM) are never looked up, so a read that names
     * nothing else has no guard query at all; column types come from the result's type OIDs.
     */
    static final int READ_ROUND_TRIPS = 1;

    @Test
    void aReadIsOneRoundTripInsideAReadOnlyTransaction() throws Exception {
        for (String sql : List.of("SELECT 1", "SELECT 1 AS one", "SELECT g FROM generate_series(1, 100) g",
                "SELECT id, v, n, at FROM " + TABLE + " ORDER BY id",
                "SELECT t.id, upper(t.v) AS v FROM " + TABLE + " t WHERE t.id = 1",
                "WITH x AS (SELECT id FROM " + TABLE + ") SELECT count(*) FROM x",
                "SELECT 1 AS one -- a trailing comment", "SELECT 2 AS two;", "SELECT id FROM " + TABLE + " WHERE id = 1 ;\n")) {
            int before = proxy.connections();
            assertThat(roundTripsOf(sql)).as(sql + " (connections before: " + before + ", after: " + proxy.connections() + ")")
                    .isEqualTo(READ_ROUND_TRIPS);
        }
        // more rows than one fetch: the one batch returns the first fetch's rows plus one, then the read runs again
        // with a portal (guard and statement, three more fetches, the ROLLBACK and check after the answer)
        String many = "SELECT g FROM generate_series(1, 1000) g";
        Map<String, Object> first = structured(call(adapter, "query", Map.of("sql", many)));
        assertThat(first.get("rowCount")).isEqualTo(1000);
        assertThat(first.get("truncated")).isEqualTo(false);
        assertThat(database.awaitReleases(Duration.ofSeconds(30))).as("its ROLLBACK ran").isTrue(); // not counted below
        assertThat(roundTripsOf(many)).as("remembered: the portal way at once").isLessThanOrEqualTo(5);
        assertThat(roundTripsOf("SELECT g FROM generate_series(1, 257) g")).as("one fetch plus one: read again").isLessThanOrEqualTo(4);
        assertThat(roundTripsOf("SELECT g FROM generate_series(1, 256) g")).as("one fetch").isEqualTo(READ_ROUND_TRIPS);
        Map<String, Object> s = structured(call(adapter, "query", Map.of("sql",
                "SELECT current_setting('transaction_read_only') AS ro, now() = statement_timestamp() AS own_txn")));
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) s.get("rows")).get(0);
        assertThat(row.get("ro")).isEqualTo("on");
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void columnTypesAreNamedWithoutACatalogQuery() throws Exception {
        Map<String, Object> s = structured(call(adapter, "query", Map.of("sql", "SELECT id, v, n, at, ARRAY[id] AS ids FROM " + TABLE)));
        assertThat(s.get("columns").toString()).contains("type=int4", "type=text", "type=numeric", "type=timestamptz", "type=_int4");
    }

    @Test
    void noValidityPingAfterTheConnectionIdled() throws Exception {
        roundTripsOf("SELECT 1 AS one");
        // agent-paced calls: each one after a pause past HikariCP's 500 ms alive-bypass window
        for (int i = 0; i < 2; i++) {
            Thread.sleep(800);
            assertThat(roundTripsOf("SELECT 1")).isLessThanOrEqualTo(READ_ROUND_TRIPS);
            Thread.sleep(800);
            assertThat(roundTripsOf("SELECT g FROM generate_series(1, 3) g")).isLessThanOrEqualTo(READ_ROUND_TRIPS);
        }
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void aReadOfAViewStillWorksThroughTheFullGuard() throws Exception {
        int before = proxy.connections();
        McpSchema.CallToolResult r = call(adapter, "query", Map.of("sql", "SELECT * FROM " + TABLE + "_v"));
        assertThat(r.isError()).as(r.toString()).isFalse();
        assertThat(database.awaitReleases(Duration.ofSeconds(30))).isTrue();
        assertThat(proxy.connections()).as("the connection went back to the pool").isEqualTo(before);
    }

    @Test
    void aBrokenPooledConnectionIsReplacedAndTheReadRetried() {
        roundTripsOf("SELECT 1 AS one");
        int before = proxy.connections();
        proxy.cutAll(); // the pooled connection dies while idle; nothing pings it before use
        McpSchema.CallToolResult r = call(adapter, "query", Map.of("sql", "SELECT 2 AS two"));
        assertThat(r.isError()).as(r.toString()).isFalse();
        assertThat(structured(r).get("attempts")).isEqualTo(2);
        assertThat(proxy.connections()).isEqualTo(before + 1);
    }
}
