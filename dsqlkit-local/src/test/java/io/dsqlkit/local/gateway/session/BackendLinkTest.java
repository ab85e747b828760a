package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's backend connection and the connection's lifetime, on embedded channels. */
class BackendLinkTest {

    @Test
    void theConnectionIsClosedSilentlyAtTheLifetimeLimitAndTheBackendToldToTerminate() {
        Limits limits = Limits.DSQL.withMaxConnectionAge(Duration.ofMinutes(1));
        try (WireHarness h = WireHarness.ready(limits, System::nanoTime)) {
            h.client.advanceTimeBy(59, TimeUnit.SECONDS);
            h.client.runScheduledPendingTasks();
            assertThat(h.client.isActive()).isTrue();

            h.client.advanceTimeBy(2, TimeUnit.SECONDS);
            h.client.runScheduledPendingTasks();
            assertThat(h.client.isActive()).isFalse();
            assertThat(h.clientReceived()).isEmpty();
            assertThat(h.backendReceived()).containsExactly(FrontendMessage.Terminate.INSTANCE);
        }
    }

    @Test
    void losingTheBackendEndsTheSessionWithAFatalThatSaysWhatHappened() {
        try (WireHarness h = WireHarness.ready()) {
            h.backend.close();
            h.client.runPendingTasks();
            List<Object> got = h.clientReceived();
            assertThat(got).hasSize(1);
            ErrorResponse e = (ErrorResponse) got.get(0);
            assertThat(e.field('S')).isEqualTo("FATAL");
            assertThat(e.sqlstate()).isEqualTo("08006");
            assertThat(h.client.isActive()).isFalse();
        }
    }

    @Test
    void aClientTerminateEndsTheBackendSessionToo() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(FrontendMessage.Terminate.INSTANCE);
            assertThat(h.backendReceived()).containsExactly(FrontendMessage.Terminate.INSTANCE);
            assertThat(h.client.isActive()).isFalse();
        }
    }

    /** A session on backend 42 (whose own cancel secret is 4242); returns the cancel key its client was given. */
    private static BackendMessage.BackendKeyData startOnBackend42(WireHarness h) {
        h.clientSends(new FrontendMessage.StartupMessage(FrontendMessage.PROTOCOL_3_0, Map.of("user", "admin", "database", "postgres")));
        h.backendReceived();
        h.backendAnswers(BackendMessage.AuthenticationOk.INSTANCE, new BackendMessage.BackendKeyData(42, 4242),
                new BackendMessage.ReadyForQuery('I'));
        List<Object> got = h.clientReceived();
        assertThat(got).hasSize(3);
        return (BackendMessage.BackendKeyData) got.get(1);
    }

    @Test
    void aCancelRequestWithTheClientsKeyIsForwardedWithTheBackendsSecretOnAConnectionOfItsOwn() {
        CancelKeys keys = new CancelKeys();
        try (WireHarness session = new WireHarness(keys); WireHarness canceller = new WireHarness(keys)) {
            BackendMessage.BackendKeyData key = startOnBackend42(session);
            assertThat(key.processId()).as("the backend's process id, as pg_backend_pid() says").isEqualTo(42);
            assertThat(key.secretKey()).as("a secret of the gateway's, not the backend's").isNotEqualTo(4242);

            canceller.clientSends(new FrontendMessage.CancelRequest(42, key.secretKey()));
            assertThat(canceller.dials).isEqualTo(1);
            assertThat(canceller.backendReceived()).containsExactly(new FrontendMessage.CancelRequest(42, 4242));
            assertThat(canceller.client.isActive()).isFalse();
        }
    }

    @Test
    void aCancelRequestWithAnyOtherKeyIsDroppedUnanswered() {
        CancelKeys keys = new CancelKeys();
        try (WireHarness session = new WireHarness(keys)) {
            BackendMessage.BackendKeyData key = startOnBackend42(session);
            for (FrontendMessage.CancelRequest wrong : List.of(new FrontendMessage.CancelRequest(42, 4242),
                    new FrontendMessage.CancelRequest(43, key.secretKey()), new FrontendMessage.CancelRequest(42, key.secretKey() + 1))) {
                try (WireHarness canceller = new WireHarness(keys)) {
                    canceller.clientSends(wrong);
                    assertThat(canceller.dials).as(wrong.toString()).isZero();
                    assertThat(canceller.clientReceived()).isEmpty();
                    assertThat(canceller.client.isActive()).isFalse();
                }
            }
        }
    }

    @Test
    void aClientsKeyCancelsNothingOnceItsSessionEnded() {
        CancelKeys keys = new CancelKeys();
        BackendMessage.BackendKeyData key;
        try (WireHarness session = new WireHarness(keys)) {
            key = startOnBackend42(session);
            session.clientSends(FrontendMessage.Terminate.INSTANCE);
        }
        try (WireHarness canceller = new WireHarness(keys)) {
            canceller.clientSends(new FrontendMessage.CancelRequest(42, key.secretKey()));
            assertThat(canceller.dials).isZero();
        }
    }
}
