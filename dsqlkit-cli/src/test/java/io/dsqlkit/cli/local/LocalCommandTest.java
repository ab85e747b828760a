package io.dsqlkit.cli.local;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.auth.AuthMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCommandTest {
    @Test
    void badOptionsExitWith2AndNameTheProblem() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(new CommandLine(new LocalCommand()).execute("--ephemeral", "--data", "/tmp/x")).isEqualTo(2);
            assertThat(new CommandLine(new LocalCommand()).execute("--auth", "kerberos")).isEqualTo(2);
            assertThat(new CommandLine(new LocalCommand()).execute("--profile", "1999-01")).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("--data and --ephemeral exclude each other").contains("unknown auth mode 'kerberos'")
                .contains("unknown DSQL profile '1999-01'");
    }

    @Test
    void readyLineCarriesPsqlJdbcCredentialsAndCertificate() {
        try (DsqlLocal local = DsqlLocal.builder().auth(AuthMode.IAM).tls(true).start()) {
            String line = LocalCommand.readyLine(local);
            assertThat(line).startsWith("dsqlkit local ready: ")
                    .contains("psql \"host=localhost port=" + local.port() + " dbname=postgres user=admin sslmode=verify-full sslrootcert=" + local.caCertificate())
                    .contains("aws dsql generate-db-connect-admin-auth-token --hostname localhost --region us-east-1")
                    .contains("JDBC: jdbc:postgresql://localhost:" + local.port() + "/postgres?sslmode=verify-full")
                    .contains("AWS_ACCESS_KEY_ID=" + local.credentials().accessKeyId())
                    .contains("CA certificate: " + local.caCertificate());
            assertThat(local.caCertificate()).exists();
        }
    }
}
