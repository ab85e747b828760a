package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.Bytes;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flow control over a session's not yet planned client messages. */
class InboundQueueTest {

    private static Frame frame(FrontendMessage m) {
        ByteBuf b = WireHarness.encode(m);
        return new Frame(b.getByte(0), b, 5);
    }

    @Test
    void whileAQueryIsInFlightOnlyCopyDataPassesAndOnlyAfterTheBackendAskedForIt() {
        InboundQueue q = new InboundQueue();
        Frame copy = frame(new FrontendMessage.CopyData(Bytes.of(new byte[] {1})));
        q.add(copy);
        q.block();
        assertThat(q.next()).isNull();
        q.copyInStarted();
        assertThat(q.next()).isSameAs(copy);
        copy.release();

        Frame query = frame(new FrontendMessage.Query("SELECT 1"));
        q.add(query);
        assertThat(q.next()).isNull();
        q.unblock();
        assertThat(q.next()).isSameAs(query);
        query.release();
        assertThat(q.next()).isNull();
    }

    @Test
    void itIsFullAtTheLimitAndClearReleasesWhatItHeld() {
        InboundQueue q = new InboundQueue();
        Frame first = null;
        for (int i = 0; i < InboundQueue.MAX_QUEUED_FRAMES; i++) {
            Frame f = frame(FrontendMessage.Sync.INSTANCE);
            if (first == null) first = f;
            assertThat(q.full()).isFalse();
            q.add(f);
        }
        assertThat(q.full()).isTrue();
        q.clear();
        assertThat(q.next()).isNull();
        Frame released = first;
        assertThatThrownBy(released::retainedRaw).isInstanceOf(IllegalReferenceCountException.class);
    }
}
