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
