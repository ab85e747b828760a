package io.dsqlkit.mcp;

import io.dsqlkit.mcp.db.SessionHygiene;
import io.dsqlkit.mcp.db.SqlExecutor;
import io.dsqlkit.mcp.server.ServerSettings;
import io.dsqlkit.mcp.tools.ToolContext;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

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
    void anAdvisoryLockTakenDuringAReadDoesNotSurviveIt() throws Exception {
        // A read that slips past the guards (here: work handed straight to the executor) takes a session lock
        // through ts_stat's SQL text; the end-of-call check sees it and the connection is dropped, which frees it.
        SqlExecutor ex = new SqlExecutor(new ToolContext(TestDatabase.database(), ServerSettings.defaults(false), null, null, null));
        int pid = ex.inReadOnlyTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT count(*) FROM ts_stat('SELECT to_tsvector(pg_advisory_lock(4344)::text)')").close();
                try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        String held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4344";
        try (Connection c = TestDatabase.connect()) {
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
