package io.dsqlkit.mcp;

import com.zaxxer.hikari.HikariDataSource;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.PoolSettings;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections retire while calls are running and every new physical connection gets a fresh
 * token: zero failed calls. The bounded variant forces retirement (soft eviction, what HikariCP does
 * at maxLifetime); the soak variant runs past a 30 s maxLifetime (HikariCP's floor).
 */
class PoolLifetimeTest {
    private static final class CountingTokens implements TokenProvider {
        final AtomicInteger issued = new AtomicInteger();
        final TokenProvider delegate;

        CountingTokens(TokenProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public String token() {
            issued.incrementAndGet();
            return delegate.token();
        }
    }

    private static Endpoint withTokens(CountingTokens tokens) {
        Endpoint e = TestDatabase.endpoint(SharedDsqlLocal.get());
        return new Endpoint(e.kind(), e.host(), e.port(), e.database(), e.user(), tokens, e.tls(), Duration.ofSeconds(5));
    }

    @Test
    void retiringConnectionsMidStreamFailsNoCall() {
        CountingTokens tokens = new CountingTokens(TokenProvider.staticPassword(SharedDsqlLocal.get().password()));
        try (HikariDataSource ds = DataSources.pooled(withTokens(tokens), PoolSettings.defaults().withMaxPoolSize(3), "lifetime")) {
            ToolAdapter a = new ToolAdapter(Database.of(ds, "lifetime"), ServerSettings.defaults(false));
            int failures = 0;
            for (int i = 0; i < 60; i++) {
                if (i % 10 == 5) ds.getHikariPoolMXBean().softEvictConnections(); // as if they all reached maxLifetime
                McpSchema.CallToolResult r = TestDatabase.call(a, "query", Map.of("sql", "SELECT 1 AS one"));
                if (Boolean.TRUE.equals(r.isError())) failures++;
            }
            assertThat(failures).isZero();
            assertThat(tokens.issued.get()).as("a fresh token per physical connection").isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    @Tag("soak")
    void shortMaxLifetimeAndTokenLifetimeSoak() throws Exception {
        CountingTokens tokens = new CountingTokens(TokenProvider.staticPassword(SharedDsqlLocal.get().password()));
        PoolSettings pool = PoolSettings.defaults().withMaxPoolSize(3).withMaxLifetime(Duration.ofSeconds(30));
        try (HikariDataSource ds = DataSources.pooled(withTokens(tokens), pool, "lifetime-soak")) {
            ToolAdapter a = new ToolAdapter(Database.of(ds, "lifetime"), ServerSettings.defaults(false));
            long end = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            int failures = 0;
            int calls = 0;
            while (System.nanoTime() < end) {
                if (Boolean.TRUE.equals(TestDatabase.call(a, "query", Map.of("sql", "SELECT 1 AS one")).isError())) failures++;
                calls++;
                Thread.sleep(20);
            }
            assertThat(failures).as("failed calls out of " + calls).isZero();
            assertThat(tokens.issued.get()).isGreaterThanOrEqualTo(2);
        }
    }
}
