package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.StartupMessage;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup conversation of a {@link ClientSession}, on embedded channels (no PostgreSQL). */
class StartupHandshakeTest {

    private static StartupMessage startup(String... kv) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return new StartupMessage(FrontendMessage.PROTOCOL_3_0, p);
    }

    private static ErrorResponse onlyError(List<Object> received) {
        assertThat(received).hasSize(1).first().isInstanceOf(ErrorResponse.class);
        return (ErrorResponse) received.get(0);
    }

    @Test
    void sslRequestWithoutTlsIsAnsweredNAndTheStartupOpensABackendSessionWithDsqlSettings() {
        try (WireHarness h = new WireHarness(AuthMode.NONE)) {
            h.clientSends(FrontendMessage.SslRequest.INSTANCE);
            assertThat(h.clientReceived()).containsExactly('N');
            h.clientSends(startup("user", "admin", "database", "postgres", "application_name", "app", "options", "-c x=1"));

            List<FrontendMessage> sent = h.backendReceived();
            assertThat(sent).hasSize(1);
            Map<String, String> p = ((StartupMessage) sent.get(0)).parameters();
            assertThat(p).containsEntry("user", "admin").containsEntry("database", "postgres")
                    .containsEntry("application_name", "app")
                    .containsEntry("default_transaction_isolation", "repeatable read")
                    .doesNotContainKey("options");
        }
    }

    @Test
    void theBackendsStartupAnswersAreRelayedWithDsqlsServerVersionUntilReadyForQuery() {
        try (WireHarness h = new WireHarness(AuthMode.NONE)) {
            h.clientSends(startup("user", "admin", "database", "postgres"));
            h.backendReceived();
            h.backendAnswers(BackendMessage.AuthenticationOk.INSTANCE,
                    new BackendMessage.ParameterStatus("server_version", "16.4"),
                    new BackendMessage.ParameterStatus("TimeZone", "UTC"),
                    new BackendMessage.ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(BackendMessage.AuthenticationOk.INSTANCE,
                    new BackendMessage.ParameterStatus("server_version", GatewayConfig.SERVER_VERSION),
                    new BackendMessage.ParameterStatus("TimeZone", "UTC"),
                    new BackendMessage.ReadyForQuery('I'));
            assertThat(h.client.isActive()).isTrue();
        }
    }

    @Test
    void anotherDatabaseIsRefusedBeforeAnyBackendConnection() {
        try (WireHarness h = new WireHarness(AuthMode.NONE)) {
            h.clientSends(startup("user", "admin", "database", "app"));
            ErrorResponse e = onlyError(h.clientReceived());
            assertThat(e.sqlstate()).isEqualTo("3D000");
            assertThat(e.message()).isEqualTo("database \"app\" does not exist");
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(h.dials).isZero();
            assertThat(h.client.isActive()).isFalse();
        }
    }

    @Test
    void aStartupWithoutUserIsRefused() {
        try (WireHarness h = new WireHarness(AuthMode.NONE)) {
            h.clientSends(startup("database", "postgres"));
            assertThat(onlyError(h.clientReceived()).sqlstate()).isEqualTo("28000");
            assertThat(h.client.isActive()).isFalse();
        }
    }

    @Test
    void iamModeAsksForTheTokenAndRefusesOneThatIsNotADsqlToken() {
        try (WireHarness h = new WireHarness(AuthMode.IAM)) {
            h.clientSends(startup("user", "admin", "database", "postgres"));
            assertThat(h.clientReceived()).containsExactly(BackendMessage.AuthenticationCleartextPassword.INSTANCE);
            h.clientSends(new FrontendMessage.PasswordMessage("not-a-token"));
            ErrorResponse e = onlyError(h.clientReceived());
            assertThat(e.sqlstate()).isEqualTo("28P01");
            assertThat(h.dials).isZero();
            assertThat(h.client.isActive()).isFalse();
        }
    }

    @Test
    void aBackendThatAsksForAPasswordIsAConfigurationErrorNotAPromptForTheClient() {
        try (WireHarness h = new WireHarness(AuthMode.NONE)) {
            h.clientSends(startup("user", "admin", "database", "postgres"));
            h.backendReceived();
            h.backendAnswers(BackendMessage.AuthenticationCleartextPassword.INSTANCE);
            ErrorResponse e = onlyError(h.clientReceived());
            assertThat(e.sqlstate()).isEqualTo("28000");
            assertThat(e.message()).contains("must trust the gateway");
            assertThat(h.client.isActive()).isFalse();
        }
    }

    @Test
    void messagesSentBeforeTheBackendIsReadyWaitForIt() {
        try (WireHarness h = new WireHarness(AuthMode.NONE)) {
            h.clientSends(startup("user", "admin", "database", "postgres"), new FrontendMessage.Query("SELECT 1"));
            assertThat(h.backendReceived()).hasSize(1).first().isInstanceOf(StartupMessage.class);
            h.backendAnswers(BackendMessage.AuthenticationOk.INSTANCE, new BackendMessage.ReadyForQuery('I'));
            assertThat(h.backendReceived()).containsExactly(new FrontendMessage.Query("SELECT 1"));
        }
    }
}
