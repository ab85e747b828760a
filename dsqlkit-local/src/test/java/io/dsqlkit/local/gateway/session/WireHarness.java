package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.local.gateway.PassThroughBehaviour;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.IamTokenVerifier;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrameDecoder;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A {@link ClientSession} between two Netty {@link EmbeddedChannel}s: the client's (what a driver
 * sends and receives) and the backend's (what PostgreSQL would receive and answer). Everything runs
 * on the test thread; the test plays PostgreSQL by writing its answers.
 */
final class WireHarness implements AutoCloseable {
    final EmbeddedChannel client;
    EmbeddedChannel backend;
    int dials;

    WireHarness(AuthMode auth) {
        this(auth, Limits.DSQL, System::nanoTime);
    }

    /** {@code clock}: the planner's nanosecond clock (transaction age is measured with it). */
    WireHarness(AuthMode auth, Limits limits, LongSupplier clock) {
        this(auth, limits, clock, new PassThroughBehaviour());
    }

    WireHarness(AuthMode auth, Limits limits, LongSupplier clock, DsqlBehaviour behaviour) {
        this(auth, limits, clock, behaviour, new CancelKeys());
    }

    /** A session sharing {@code cancelKeys} with others (as a gateway's sessions do). */
    WireHarness(CancelKeys cancelKeys) {
        this(AuthMode.NONE, Limits.DSQL, System::nanoTime, new PassThroughBehaviour(), cancelKeys);
    }

    WireHarness(AuthMode auth, Limits limits, LongSupplier clock, DsqlBehaviour behaviour, CancelKeys cancelKeys) {
        GatewayConfig config = new GatewayConfig(0, java.nio.file.Path.of("/nonexistent/.s.PGSQL.5432"), auth, LocalCredentials.DEFAULT, Set.of("localhost"), null,
                limits, Profile.CURRENT, behaviour);
        StatementPlanner planner = new StatementPlanner(new Linter(config.profile()), config.behaviour(), config.limits(), clock);
        IamTokenVerifier verifier = new IamTokenVerifier(config.credentials(), config.hostNames(), Clock.systemUTC());
        FrameDecoder decoder = new FrameDecoder(false, config.limits().maxMessageBytes());
        BackendDialer dialer = (loop, handler) -> {
            dials++;
            backend = new EmbeddedChannel();
            backend.pipeline().addLast(handler);
            return backend.newSucceededFuture();
        };
        client = new EmbeddedChannel(decoder, new ClientSession(config, planner, verifier, decoder, dialer, null, null, cancelKeys));
    }

    /** A started session: startup sent, the backend's startup answered, ReadyForQuery read. */
    static WireHarness ready() {
        return ready(Limits.DSQL, System::nanoTime);
    }

    static WireHarness ready(Limits limits, LongSupplier clock) {
        return ready(new WireHarness(AuthMode.NONE, limits, clock));
    }

    /** A started session with {@code behaviour}. */
    static WireHarness ready(DsqlBehaviour behaviour) {
        return ready(new WireHarness(AuthMode.NONE, Limits.DSQL, System::nanoTime, behaviour));
    }

    private static WireHarness ready(WireHarness h) {
        h.clientSends(new FrontendMessage.StartupMessage(FrontendMessage.PROTOCOL_3_0, Map.of("user", "admin", "database", "postgres")));
        h.backendReceived();
        h.backendAnswers(BackendMessage.AuthenticationOk.INSTANCE, new BackendMessage.ReadyForQuery('I'));
        h.clientReceived();
        return h;
    }

    void clientSends(FrontendMessage... messages) {
        for (FrontendMessage m : messages) client.writeInbound(encode(m));
        client.runPendingTasks();
    }

    /** A client's messages arriving in one read, as one buffer (as a driver's pipelined Bind, Execute, Sync do). */
    void clientSendsTogether(FrontendMessage... messages) {
        ByteBuf all = Unpooled.buffer();
        for (FrontendMessage m : messages) m.encode(all);
        client.writeInbound(all);
        client.runPendingTasks();
    }

    /** How many buffers the session has written to the backend and not yet read by {@link #backendReceived}. */
    int backendWrites() {
        return backend.outboundMessages().size();
    }

    void backendAnswers(BackendMessage... messages) {
        for (BackendMessage m : messages) backend.writeInbound(encode(m));
        client.runPendingTasks();
    }

    /** The backend's answers arriving in one read, as one buffer (as a point query's usually do). */
    void backendAnswersTogether(BackendMessage... messages) {
        ByteBuf all = Unpooled.buffer();
        for (BackendMessage m : messages) m.encode(all);
        backend.writeInbound(all);
        client.runPendingTasks();
    }

    /** How many buffers the session has written to the client and not yet read by {@link #clientReceived}. */
    int clientWrites() {
        return client.outboundMessages().size();
    }

    /** Everything the session sent to the backend since the last call. */
    List<FrontendMessage> backendReceived() {
        List<FrontendMessage> got = new ArrayList<>();
        for (Frame f : frames(backend, true)) {
            got.add(f.decodeFrontend());
            f.release();
        }
        return got;
    }

    /** Everything the session sent to the client since the last call (single-byte SSL answers as their character). */
    List<Object> clientReceived() {
        List<Object> got = new ArrayList<>();
        for (Frame f : frames(client, false)) {
            got.add(f.type() == 0 ? Character.valueOf((char) f.body().getByte(0)) : f.decodeBackend());
            f.release();
        }
        return got;
    }

    /** Cuts a channel's outbound bytes into frames. Backend side: the first message may be untyped. */
    private static List<Frame> frames(EmbeddedChannel ch, boolean toBackend) {
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        List<Frame> frames = new ArrayList<>();
        while (all.isReadable()) {
            int start = all.readerIndex();
            if (!toBackend && all.readableBytes() == 1) {
                // 'S' or 'N' answering SSLRequest/GSSENCRequest: no framing at all.
                frames.add(new Frame((byte) 0, all.readRetainedSlice(1), 0));
                continue;
            }
            byte first = all.getByte(start);
            boolean untyped = toBackend && first == 0;
            int header = untyped ? 4 : 5;
            int len = all.getInt(start + header - 4);
            frames.add(new Frame(untyped ? 0 : first, all.readRetainedSlice(len + header - 4), header));
        }
        all.release();
        return frames;
    }

    static ByteBuf encode(FrontendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        return b;
    }

    static ByteBuf encode(BackendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        return b;
    }

    @Override
    public void close() {
        client.finishAndReleaseAll();
        if (backend != null) backend.finishAndReleaseAll();
    }
}
