package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
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

    @Test
    void aCancelRequestIsForwardedOnAConnectionOfItsOwn() {
        try (WireHarness h = new WireHarness(io.dsqlkit.local.gateway.auth.AuthMode.NONE)) {
            h.clientSends(new FrontendMessage.CancelRequest(42, 4242));
            assertThat(h.dials).isEqualTo(1);
            assertThat(h.backendReceived()).containsExactly(new FrontendMessage.CancelRequest(42, 4242));
            assertThat(h.client.isActive()).isFalse();
        }
    }
}
