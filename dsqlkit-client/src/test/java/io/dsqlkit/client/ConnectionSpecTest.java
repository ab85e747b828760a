package io.dsqlkit.client;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A connection spec built in code (the CLI's options are tested where they live, in dsqlkit-cli). */
class ConnectionSpecTest {
    static final StaticCredentialsProvider CREDS = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secretkey"));

    static ConnectionSpec spec(Map<String, String> env) {
        return new ConnectionSpec().withEnvironment(env);
    }

    @Test
    void nothingConfiguredMeansLocal() {
        assertThat(spec(Map.of()).resolve()).isEmpty();
        assertThat(spec(Map.of()).wantsLocal()).isTrue();
        assertThat(spec(Map.of()).localRequested()).isFalse();
        assertThat(spec(Map.of("CLUSTER", "abc", "REGION", "us-east-1")).local(true).localRequested()).isTrue();
    }

    @Test
    void aUrlWithAStaticPasswordAndAnotherPort() {
        Endpoint e = spec(Map.of()).url("postgresql://app:pw@127.0.0.1:6543/app?sslmode=disable").port(7000).resolve().orElseThrow();
        assertThat(e.kind()).isEqualTo(Endpoint.Kind.URL);
        assertThat(e.port()).isEqualTo(7000);
        assertThat(e.database()).isEqualTo("app");
        assertThat(e.password().token()).isEqualTo("pw");
    }

    @Test
    void anEndpointWithARoleAndATokenLifetime() {
        Endpoint e = spec(Map.of()).endpoint("peccy.dsql.eu-west-1.on.aws").user("reader").tokenLifetime(Duration.ofSeconds(60))
                .sslNegotiation("postgres").resolve(CREDS).orElseThrow();
        assertThat(e.user()).isEqualTo("reader");
        assertThat(e.tls().sslNegotiation()).isEqualTo("postgres");
        assertThat(e.password().token()).contains("Action=DbConnect&").containsPattern("X-Amz-Expires=(59|60)&");
    }

    @Test
    void badSettingsFailFastNamingTheOption() {
        assertThatThrownBy(() -> spec(Map.of()).cluster("abc").resolve()).isInstanceOf(ConnectionSpec.ConnectionSpecException.class)
                .hasMessageContaining("--region");
        assertThatThrownBy(() -> spec(Map.of()).url("postgresql://h/db").local(true).resolve()).hasMessageContaining("--local");
        assertThatThrownBy(() -> spec(Map.of()).cluster("abc").region("us-east-1").tokenLifetime(Duration.ZERO).resolve(CREDS))
                .hasMessageContaining("--token-lifetime");
        assertThatThrownBy(() -> spec(Map.of()).cluster("abc").region("us-east-1").sslNegotiation("tls").resolve(CREDS))
                .hasMessageContaining("--ssl-negotiation");
    }

    @Test
    void regionFromEndpointName() {
        assertThat(ConnectionSpec.regionFromEndpoint("foo0bar1.dsql.us-east-2.on.aws")).isEqualTo("us-east-2");
        assertThat(ConnectionSpec.regionFromEndpoint("localhost")).isNull();
    }
}
