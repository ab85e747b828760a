package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * What the client receives: backend frames relayed unchanged (zero-copy) or messages the gateway
 * writes itself. Writes are buffered; {@link #flush} sends them (once per read batch).
 */
final class ClientOutput {
    private final Channel client;

    ClientOutput(Channel client) {
        this.client = client;
    }

    Channel channel() {
        return client;
    }

    void relay(Frame f) {
        client.write(f.retainedRaw());
    }

    void write(BackendMessage m) {
        client.write(encode(m));
    }

    /**
     * ReadyForQuery, which ends every exchange: one of three pre-encoded buffers, shared (a duplicate per write for its
     * own indexes; unreleasable, so the channel's release after the write leaves it intact), not a new buffer each time.
     */
    void readyForQuery(char status) {
        ByteBuf encoded = switch (status) {
            case 'I' -> READY_IDLE;
            case 'T' -> READY_IN_BLOCK;
            case 'E' -> READY_FAILED;
            default -> null;
        };
        if (encoded == null) write(new BackendMessage.ReadyForQuery(status));
        else client.write(encoded.duplicate());
    }

    private static final ByteBuf READY_IDLE = readyForQueryBuffer('I');
    private static final ByteBuf READY_IN_BLOCK = readyForQueryBuffer('T');
    private static final ByteBuf READY_FAILED = readyForQueryBuffer('E');

    private static ByteBuf readyForQueryBuffer(char status) {
        ByteBuf b = io.netty.buffer.Unpooled.directBuffer(6, 6);
        new BackendMessage.ReadyForQuery(status).encode(b);
        return io.netty.buffer.Unpooled.unreleasableBuffer(b);
    }

    void write(ByteBuf raw) {
        client.write(raw);
    }

    /** {@code m} encoded into a new buffer (for holding it back). */
    ByteBuf encode(BackendMessage m) {
        ByteBuf b = client.alloc().buffer();
        m.encode(b);
        return b;
    }

    /** ParameterStatus, with DSQL's {@code server_version} in place of the embedded PostgreSQL's. */
    void relayParameterStatus(Frame f) {
        BackendMessage.ParameterStatus ps = (BackendMessage.ParameterStatus) f.decodeBackend();
        if ("server_version".equals(ps.name())) {
            write(new BackendMessage.ParameterStatus("server_version", GatewayConfig.SERVER_VERSION));
        } else {
            relay(f);
        }
    }

    void flush() {
        client.flush();
    }
}
