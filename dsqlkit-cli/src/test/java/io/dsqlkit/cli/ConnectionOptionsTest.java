package io.dsqlkit.cli;

import io.dsqlkit.client.ConnectionSpec;
import io.dsqlkit.client.Endpoint;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection options as a user types them, resolved through the {@link ConnectionSpec} they build. */
class ConnectionOptionsTest {
    static final StaticCredentialsProvider CREDS = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secretkey"));

    @CommandLine.Command(name = "t")
    static final class Cmd {
        @CommandLine.Mixin ConnectionOptions connection = new ConnectionOptions();
    }

    static ConnectionSpec parse(Map<String, String> env, String... args) {
        Cmd c = new Cmd();
        new CommandLine(c).parseArgs(args);
        return c.connection.spec().withEnvironment(env);
    }

    @Test
    void nothingConfiguredMeansLocal() {
        assertThat(parse(Map.of()).resolve()).isEmpty();
        assertThat(parse(Map.of("CLUSTER", "abc", "REGION", "us-east-1"), "--local").resolve()).isEmpty();
    }

    @Test
    void clusterAndRegionFromEnvironment() {
        Endpoint e = parse(Map.of("CLUSTER", "abcdefghijklmnopqrstuvwxyz", "REGION", "us-east-1")).resolve(CREDS).orElseThrow();
        assertThat(e.kind()).isEqualTo(Endpoint.Kind.AWS);
        assertThat(e.host()).isEqualTo("abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws");
        assertThat(e.user()).isEqualTo("admin");
        assertThat(e.tls().sslmode()).isEqualTo("verify-full");
        assertThat(e.tls().sslNegotiation()).isEqualTo("direct");
        String token = e.password().token();
        assertThat(token).startsWith("abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws/?Action=DbConnectAdmin").contains("X-Amz-Expires=900");
        assertThat(e.toString()).doesNotContain("X-Amz");
    }

    @Test
    void customRoleUsesDbConnectAndEachTokenIsFresh() throws Exception {
        Endpoint e = parse(Map.of(), "--endpoint", "peccy.dsql.eu-west-1.on.aws", "--user", "reader", "--token-lifetime", "5")
                .resolve(CREDS).orElseThrow();
        String t1 = e.password().token();
        // The SDK signer subtracts the part of a second already gone when the clock ticks mid-call: 4 or 5.
        assertThat(t1).contains("Action=DbConnect&").contains("eu-west-1").containsPattern("X-Amz-Expires=[45]&");
        Thread.sleep(1100);
        assertThat(e.password().token()).isNotEqualTo(t1); // X-Amz-Date moved: never a cached token
    }

    @Test
    void aReaderRoleOnTheSameClusterGetsItsOwnDbConnectTokens() {
        ConnectionSpec o = parse(Map.of("CLUSTER", "abcdefghijklmnopqrstuvwxyz", "REGION", "us-east-1"));
        Endpoint admin = o.resolve(CREDS).orElseThrow();
        Endpoint reader = o.resolveAs("mcp_reader", CREDS).orElseThrow();
        assertThat(reader.host()).isEqualTo(admin.host());
        assertThat(reader.user()).isEqualTo("mcp_reader");
        assertThat(admin.user()).isEqualTo("admin");
        assertThat(reader.password().token()).contains("Action=DbConnect&");
        assertThat(admin.password().token()).contains("Action=DbConnectAdmin");
        // a static-password URL cannot mint credentials for another role; local DSQL has one user
        assertThat(parse(Map.of(), "--url", "postgresql://app:pw@127.0.0.1:6543/postgres").resolveAs("mcp_reader", CREDS)).isEmpty();
        assertThat(parse(Map.of()).resolveAs("mcp_reader", CREDS)).isEmpty();
        assertThatThrownBy(() -> o.resolveAs(" ", CREDS)).isInstanceOf(ConnectionSpec.ConnectionSpecException.class);
    }

    @Test
    void urlWithStaticPassword() {
        Endpoint e = parse(Map.of(), "--url", "postgresql://app:s%40cret@127.0.0.1:6543/postgres?sslmode=disable").resolve().orElseThrow();
        assertThat(e.kind()).isEqualTo(Endpoint.Kind.URL);
        assertThat(e.port()).isEqualTo(6543);
        assertThat(e.user()).isEqualTo("app");
        assertThat(e.password().token()).isEqualTo("s@cret");
        assertThat(e.tls()).isNull();
        assertThat(e.toString()).doesNotContain("s@cret");
    }

    @Test
    void badOptionsFailFastNamingTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--cluster", "abc").resolve()).hasMessageContaining("--region");
        assertThatThrownBy(() -> parse(Map.of(), "--cluster", "Not_An_Id", "--region", "us-east-1").resolve()).hasMessageContaining("--cluster");
        assertThatThrownBy(() -> parse(Map.of(), "--cluster", "abc", "--region", "mars").resolve()).hasMessageContaining("--region");
        assertThatThrownBy(() -> parse(Map.of(), "--url", "mysql://x").resolve()).hasMessageContaining("--url");
        assertThatThrownBy(() -> parse(Map.of(), "--url", "postgresql://h/db", "--cluster", "abc").resolve()).hasMessageContaining("--url");
        assertThatThrownBy(() -> parse(Map.of(), "--endpoint", "db.example.com").resolve()).hasMessageContaining("--region");
        assertThatThrownBy(() -> parse(Map.of(), "--cluster", "abc", "--region", "us-east-1", "--port", "0").resolve(CREDS)).hasMessageContaining("--port");
    }
}
