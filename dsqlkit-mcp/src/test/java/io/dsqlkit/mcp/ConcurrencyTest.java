package io.dsqlkit.mcp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.OccRetry;
import io.dsqlkit.client.TokenDataSource;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dsqlkit.mcp.TestDatabase.admin;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent transact calls on the same rows: each ends committed (its increment is in the table)
 * or reported failed with committed: false (its increment is not); nothing is lost silently.
 * Sessions run at REPEATABLE READ as DSQL does (dsql-facts §1.3), so write-write conflicts surface
 * as 40001 and are replayed whole by OccRetry.
 */
class ConcurrencyTest {
    @Test
    void concurrentTransactsOnTheSameRowsAreNeverSilentlyLost() throws Exception {
        String t = SharedDsqlLocal.uniqueName("counter");
        admin("CREATE TABLE " + t + " (id int PRIMARY KEY, v int NOT NULL)", "INSERT INTO " + t + " VALUES (1, 0), (2, 0)");
        TokenDataSource raw = DataSources.unpooled(TestDatabase.endpoint(SharedDsqlLocal.get()), "occ-test");
        raw.setOptions("-c default_transaction_isolation=repeatable\\ read");
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(raw);
        hc.setMaximumPoolSize(8);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            ServerSettings settings = new ServerSettings(true, 1000, Duration.ofSeconds(30), "tenant_id", null, Profile.CURRENT,
                    OccRetry.of(6, Duration.ofMillis(2), Duration.ofMillis(50)));
            ToolAdapter adapter = new ToolAdapter(Database.of(ds, "occ"), settings);
            int calls = 40;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<McpSchema.CallToolResult>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> TestDatabase.call(adapter, "transact", Map.of("sql_list", List.of(
                        "UPDATE " + t + " SET v = v + 1 WHERE id = 1",
                        "UPDATE " + t + " SET v = v + 1 WHERE id = 2")))));
            }
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger retried = new AtomicInteger();
            for (Future<McpSchema.CallToolResult> f : futures) {
                McpSchema.CallToolResult r = f.get();
                Map<String, Object> s = structured(r);
                if (Boolean.TRUE.equals(r.isError())) {
                    assertThat(s.get("committed")).as(s.toString()).isEqualTo(false);
                    failed.incrementAndGet();
                } else {
                    assertThat(s.get("committed")).isEqualTo(true);
                    committed.incrementAndGet();
                    if ((Integer) s.get("attempts") > 1) retried.incrementAndGet();
                }
            }
            pool.shutdown();
            assertThat(committed.get() + failed.get()).isEqualTo(calls);
            try (var c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT v FROM " + t + " ORDER BY id")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(committed.get());
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(committed.get());
            }
            assertThat(committed.get()).isPositive();
        }
    }
}
