package io.dsqlkit.samples;

import io.dsqlkit.local.gateway.auth.LocalCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Node.js flows in e2e/samples (node-postgres with tokens from the official @aws-sdk/dsql-signer, verified TLS)
 * against local DSQL. .ci/run installs e2e/samples/node_modules with npm ci; on a machine without node the test is
 * skipped, never silently passed.
 */
class NodeSamplesTest {
    static final Path SAMPLES = Path.of("..", "e2e", "samples").toAbsolutePath().normalize();

    @BeforeAll
    static void nodeModules() throws Exception {
        assumeTrue(which("node") && which("npm"), "node and npm are needed for the Node samples");
        if (!Files.isDirectory(SAMPLES.resolve("node_modules/@aws-sdk/dsql-signer"))) {
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SAMPLES.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
        }
    }

    @Test
    void pooledAppRetriesOccConflictsAsWholeTransactionsAndEndsExact() throws Exception {
        String out = node("node-app.mjs");
        assertThat(out).contains("\"user\":\"admin\"").contains("\"expected\":120").contains("\"balance\":120");
    }

    @Test
    void typeormStyleMigrationSetupIncludingAlterUserSetSearchPath() throws Exception {
        String out = node("typeorm-setup.mjs");
        assertThat(out).doesNotContain("\"error\"").contains("\"search_path\":\"public\"").contains("\"users\":1").contains("\"recorded\":3");
    }

    private static String node(String script) throws Exception {
        LocalCredentials c = SampleCluster.local().credentials();
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(SAMPLES.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("DSQL_ENDPOINT", SampleCluster.ENDPOINT);
        env.put("DSQL_CONNECT_HOST", "127.0.0.1");
        env.put("DSQL_PORT", Integer.toString(SampleCluster.port()));
        env.put("DSQL_CA", SampleCluster.local().caCertificate().toString());
        env.put("AWS_REGION", SampleCluster.REGION);
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(script + ": " + out).isZero();
        return out;
    }

    private static boolean which(String cmd) throws IOException {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, cmd))) return true;
        }
        return false;
    }

}
