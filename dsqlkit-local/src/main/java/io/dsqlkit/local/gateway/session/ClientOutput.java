package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * What the client receives: backend frames relayed unchanged (zero-copy) or messages the gateway
 * writes itself. Writes are buffered; {@link #flush} sends them (once per read batch).
 *
 * <p>Relayed frames that lie next to each other in the buffer the backend's bytes arrived in (a point
 * query's RowDescription, DataRow, CommandComplete and ReadyForQuery usually do) go to the channel as one
 * {@link AdjacentRun}, written before anything else is written and at the latest on {@link #flush}.
 */
final class ClientOutput {
    private final Channel client;
    /** What is written to the client, relayed frames batched. */
    private final AdjacentRun run;

    ClientOutput(Channel client) {
        this.client = client;
        this.run = AdjacentRun.on(client);
    }

    Channel channel() {
        return client;
    }

    void relay(Frame f) {
        run.add(f);
    }

    void write(BackendMessage m) {
        write(encode(m));
    }

    void write(ByteBuf raw) {
        run.write(raw);
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
        if (SERVER_VERSION.equals(ps.name())) writeParameterStatus(ps.name(), ps.value());
        else relay(f);
    }

    /** ParameterStatus {@code name}, with DSQL's {@code server_version} in place of the embedded PostgreSQL's. */
    void writeParameterStatus(String name, String value) {
        write(new BackendMessage.ParameterStatus(name, SERVER_VERSION.equals(name) ? GatewayConfig.SERVER_VERSION : value));
    }

    private static final String SERVER_VERSION = "server_version";

    /** Sends what was written (the pending relay run too); nothing to do when nothing was. */
    void flush() {
        run.flush();
    }
}
