package io.dsqlkit.mcp;

import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.OccRetry;
import io.dsqlkit.mcp.db.Database;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolAdapter;
import io.dsqlkit.testkit.SharedDsqlLocal;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dsqlkit.mcp.TestDatabase.call;
import static io.dsqlkit.mcp.TestDatabase.structured;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One retry layer per call: a call that keeps failing with DSQL's OCC error makes exactly the
 * configured number of attempts (8), not 8 per layer, reports them, and says what to do. The
 * database is the real local DSQL; the OCC failures are injected into its statements.
 */
class OneRetryLayerTest {
    /** Opens real connections; the next {@code failures} statements fail with 40001 before reaching the server. */
    static final class Conflicts {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger connections = new AtomicInteger();
        final DataSource real = DataSources.unpooled(TestDatabase.endpoint(SharedDsqlLocal.get()), "retry-test");

        DataSource dataSource() {
            return proxy(DataSource.class, real, (m, args, target) -> {
                Object r = m.invoke(target, args);
                if (m.getName().equals("getConnection")) {
                    connections.incrementAndGet();
                    return proxy(Connection.class, r, (cm, cargs, c) -> {
                        Object s = cm.invoke(c, cargs);
                        if (s instanceof Statement st && (cm.getName().equals("prepareStatement") || cm.getName().equals("createStatement"))) {
                            Class<? extends Statement> type = cm.getName().equals("prepareStatement") ? java.sql.PreparedStatement.class : Statement.class;
                            return proxy(type, st, (sm, sargs, target2) -> {
                                // The end-of-call ROLLBACK (with the session check) is not a statement of the call's work.
                                boolean endOfCall = sargs != null && sargs.length > 0 && sargs[0] instanceof String q && q.startsWith("ROLLBACK");
                                if (sm.getName().startsWith("execute") && !endOfCall && failures.getAndDecrement() > 0) {
                                    throw new SQLException("change conflicts with another transaction, please retry: (OC000)", "40001");
                                }
                                return sm.invoke(target2, sargs);
                            });
                        }
                        return s;
                    });
                }
                return r;
            });
        }
    }

    interface Handler {
        Object handle(java.lang.reflect.Method m, Object[] args, Object target) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Object target, Handler h) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            try {
                return h.handle(m, args, target);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    static ToolAdapter adapter(Conflicts c, boolean writes) {
        ServerSettings d = ServerSettings.defaults(writes);
        ServerSettings fast = new ServerSettings(writes, d.rowLimit(), d.statementTimeout(), d.tenantColumn(), null, d.profile(),
                OccRetry.of(8, Duration.ofMillis(1), Duration.ofMillis(2)));
        return new ToolAdapter(Database.of(c.dataSource(), "conflicts"), fast);
    }

    @Test
    void aReadThatConflictsTwiceSucceedsOnTheThirdAttemptAndSaysSo() {
        Conflicts c = new Conflicts();
        c.failures.set(2);
        McpSchema.CallToolResult r = call(adapter(c, false), "query", Map.of("sql", "SELECT 1 AS one"));
        assertThat(r.isError()).as(r.toString()).isFalse();
        assertThat(structured(r).get("attempts")).isEqualTo(3);
        assertThat(c.connections.get()).isEqualTo(3);
    }

    @Test
    void aReadOnlyToolThatAlwaysConflictsMakesEightAttemptsNotSixtyFour() {
        Conflicts c = new Conflicts();
        c.failures.set(1_000);
        for (String tool : new String[] {"query", "list_tables"}) {
            c.connections.set(0);
            McpSchema.CallToolResult r = call(adapter(c, false), tool, tool.equals("query") ? Map.of("sql", "SELECT 1") : Map.of());
            assertThat(r.isError()).as(tool).isTrue();
            Map<String, Object> s = structured(r);
            assertThat(c.connections.get()).as(tool + ": attempts made").isEqualTo(8);
            assertThat(s.get("attempts")).as(tool).isEqualTo(8);
            assertThat((String) s.get("error")).contains("gave up after 8 attempts").contains("wait a moment and run it again");
        }
    }

    @Test
    void aWriteThatAlwaysConflictsMakesEightAttempts() {
        Conflicts c = new Conflicts();
        c.failures.set(1_000);
        McpSchema.CallToolResult r = call(adapter(c, true), "execute", Map.of("sql", "UPDATE retry_never SET n = 1 WHERE id = 1"));
        assertThat(r.isError()).isTrue();
        assertThat(c.connections.get()).isEqualTo(8);
        assertThat(structured(r).get("attempts")).isEqualTo(8);
        assertThat((String) structured(r).get("error")).contains("nothing was committed");
    }
}
