package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Off-the-shelf clients connect unchanged (issue 3): pgbench in all three query modes, node-postgres (npm pg, installed in e2e/mcp by .ci/run). */
class ClientCompatibilityTest {
    static final Path PGBENCH = Path.of("/usr/bin/pgbench");
    static DsqlLocal local;

    @BeforeAll
    static void start() throws Exception {
        local = DsqlLocal.start();
        if (Files.isExecutable(PGBENCH)) {
            // pgbench -i loads 100,000 rows in one COPY: that is over DSQL's row limit, so it runs
            // directly against the PostgreSQL behind the gateway; the benchmark itself goes through it.
            Result init = run(List.of(PGBENCH.toString(), "-i", "-s", "1", "-q", "-h", "127.0.0.1", "-p",
                    Integer.toString(local.postgres().port()), "-U", "postgres",
                    "dbname=postgres password=" + local.postgres().superuserPassword()));
            assertThat(init.exit()).as(init.err()).isZero();
            giveTablesToAdmin(local);
        }
    }

    /** Tables the superuser created directly are not admin's (admin is no superuser): hand them over. */
    static void giveTablesToAdmin(DsqlLocal local) throws java.sql.SQLException {
        try (java.sql.Connection c = local.postgres().connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("DO $$DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    + "AND tableowner = 'postgres' LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO admin', t); END LOOP; END$$");
        }
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    record Result(int exit, String out, String err) {}

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PGPASSWORD", local.password());
        // node-postgres comes with the end-to-end client packages that .ci/run installs in e2e/mcp.
        Path e2eModules = Path.of("..", "e2e", "mcp", "node_modules").toAbsolutePath().normalize();
        if (Files.isDirectory(e2eModules)) pb.environment().put("NODE_PATH", e2eModules.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        String e = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        return new Result(p.exitValue(), o, e);
    }

    static List<String> pgbench(String... args) {
        List<String> cmd = new ArrayList<>(List.of(PGBENCH.toString(), "-n", "-h", "127.0.0.1", "-p", Integer.toString(local.port()),
                "-U", "admin"));
        cmd.addAll(List.of(args));
        cmd.add("postgres");
        return cmd;
    }

    @Test
    void pgbenchSelectOnlyInEveryQueryMode() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PGBENCH), "pgbench not installed");
        for (String mode : List.of("simple", "extended", "prepared")) {
            Result r = run(pgbench("-S", "-M", mode, "-c", "4", "-j", "2", "-t", "200"));
            assertThat(r.exit()).as(mode + ": " + r.err()).isZero();
            assertThat(r.out()).contains("number of transactions actually processed: 800/800");
            assertThat(r.out()).contains("number of failed transactions: 0");
        }
    }

    @Test
    void pgbenchDsqlLegalReadWriteScript() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PGBENCH), "pgbench not installed");
        Path script = Files.createTempFile("dsqlkit-rw-", ".sql");
        try {
            Files.writeString(script, """
                    \\set aid random(1, 100000 * :scale)
                    \\set delta random(-5000, 5000)
                    BEGIN;
                    UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
                    SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
                    COMMIT;
                    """);
            Result r = run(pgbench("-f", script.toString(), "-c", "4", "-j", "2", "-t", "100", "--max-tries=5"));
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("number of transactions actually processed: 400/400");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void nodePostgresConnectsUnchanged() throws Exception {
        Path node = Path.of("/usr/bin/node");
        Assumptions.assumeTrue(Files.isExecutable(node), "node not installed");
        Result probe = run(List.of(node.toString(), "-e", "require('pg')"));
        Assumptions.assumeTrue(probe.exit() == 0, "npm package pg not installed");
        String js = "const {Client}=require('pg');(async()=>{const c=new Client({host:'127.0.0.1',port:" + local.port()
                + ",user:'admin',database:'postgres',password:process.env.PGPASSWORD||'x'});await c.connect();"
                + "const r=await c.query('SHOW server_version');console.log(r.rows[0].server_version);"
                + "try{await c.query('TRUNCATE pgbench_history')}catch(e){console.log(e.code+' '+e.message)}await c.end()})()"
                + ".catch(e=>{console.error(e);process.exit(1)})";
        Result r = run(List.of(node.toString(), "-e", js));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("16.15").contains("0A000 unsupported statement: Truncate");
    }
}
