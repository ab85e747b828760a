package io.dsqlkit.cli.mcp;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.testkit.SharedDsqlLocal;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP the server connects in the background as soon as it listens, so that the first tool call does not wait
 * for the pool's first connection; with {@code --lazy-connect} it connects at the first call. The server is pointed
 * straight at the local DSQL's PostgreSQL (not its gateway, whose backend sessions outlive client connections), so
 * that its connection shows in pg_stat_activity as a backend started after the server did.
 */
class HttpConnectAheadTest {
    @Test
    void overHttpTheServerConnectsOnceItListens() throws Exception {
        assertThat(connectionsAfterListening(false, 30_000)).isPositive();
    }

    @Test
    void withLazyConnectNothingConnectsBeforeTheFirstCall() throws Exception {
        assertThat(connectionsAfterListening(true, 2_000)).isZero();
    }

    /** Starts the server, waits until it listens, then up to {@code waitMillis} for its connection to show. */
    private static long connectionsAfterListening(boolean lazy, long waitMillis) throws Exception {
        DsqlLocal local = SharedDsqlLocal.get();
        String appName = "dsqlkit-mcp"; // the pool's application_name
        Timestamp started;
        try (Connection c = local.postgres().connect(); ResultSet rs = c.createStatement().executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            started = rs.getTimestamp(1);
        }
        String url = "postgresql://postgres:" + local.postgres().superuserPassword() + "@127.0.0.1:" + local.postgres().port() + "/postgres";
        List<String> args = new ArrayList<>(List.of("--url", url, "--http", "127.0.0.1:0"));
        if (lazy) args.add("--lazy-connect");
        Process p = new ProcessBuilder(McpServerProcess.command(args.toArray(String[]::new)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = err.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.contains("listening on http://")) break;
            }
            assertThat(seen.toString()).as("the server's stderr").contains("listening on http://");
            Thread drain = new Thread(() -> {
                try {
                    err.transferTo(Writer.nullWriter());
                } catch (IOException gone) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            long n = 0;
            while (System.nanoTime() < deadline) {
                n = backendsSince(local, appName, started);
                if (n > 0 && !lazy) break;
                Thread.sleep(100);
            }
            return n;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    private static long backendsSince(DsqlLocal local, String appName, Timestamp since) throws SQLException {
        try (Connection c = local.postgres().connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? AND backend_start >= ? AND usename = 'postgres'")) {
            ps.setString(1, appName);
            ps.setTimestamp(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
