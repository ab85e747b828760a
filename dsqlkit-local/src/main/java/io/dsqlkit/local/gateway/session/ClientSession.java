package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.auth.IamTokenVerifier;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrameDecoder;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.StartupMessage;
import io.dsqlkit.local.gateway.protocol.FrontendType;
import io.dsqlkit.local.gateway.protocol.ProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection, as a Netty handler: the thin adapter between the channel and the protocol's
 * conversations. The {@link StartupHandshake} runs until the backend session is ready; then each
 * client message goes, in order and under the {@link InboundQueue}'s flow control, to the
 * {@link SimpleQueryFlow} or the {@link ExtendedQueryFlow}, and each backend answer to the
 * {@link ResponseQueue}. The session and its {@link BackendLink} share one event loop (no locking).
 * The codec ({@code protocol}) knows nothing of this.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    private static final AtomicLong IDS = new AtomicLong();

    private enum Phase { HANDSHAKE, CONNECTING, READY, CLOSED }

    private final GatewayConfig config;
    private final StatementPlanner planner;
    private final DsqlBehaviour behaviour;
    private final ErrorTranslator errors;
    private final IamTokenVerifier verifier;
    private final FrameDecoder decoder;
    /** A new connection until the session is authenticated; then the one the session uses (maybe from the pool). */
    private BackendLink backend;
    /** Null when backend sessions are not pooled. */
    private final BackendPool pool;
    private final CancelKeys cancelKeys;
    /** The client's cancel key, once it has one. */
    private CancelKeys.Key cancelKey;
    /** The backend's startup parameters (also the pool's key). */
    private java.util.Map<String, String> backendParameters;
    private final InboundQueue inbound = new InboundQueue();
    /** Under {@link io.dsqlkit.local.gateway.OccModel#DSQL}: resolves lock waits between sessions; else null. */
    private final OccArbiter arbiter;
    private OccParticipant occ;

    private Phase phase = Phase.HANDSHAKE;
    private ClientOutput out;
    private StartupHandshake handshake;
    /** The conversations of an authenticated session; null before. */
    private Flows flows;

    /** The per-session conversation objects, created once the client is authenticated. */
    private record Flows(SessionState state, ResponseQueue responses, TransactionTracker tx,
                         SimpleQueryFlow simple, ExtendedQueryFlow extended) {}

    public ClientSession(GatewayConfig config, StatementPlanner planner, IamTokenVerifier verifier, FrameDecoder decoder,
                         SessionServices services) {
        this(config, planner, verifier, decoder, BackendDialer.of(config), services.arbiter, services.pool, services.cancelKeys);
    }

    ClientSession(GatewayConfig config, StatementPlanner planner, IamTokenVerifier verifier, FrameDecoder decoder,
                  BackendDialer dialer, OccArbiter arbiter, BackendPool pool, CancelKeys cancelKeys) {
        this.arbiter = arbiter;
        this.pool = pool;
        this.cancelKeys = cancelKeys;
        this.config = config;
        this.planner = planner;
        this.behaviour = config.behaviour();
        this.errors = new ErrorTranslator(config.behaviour());
        this.verifier = verifier;
        this.decoder = decoder;
        this.backend = new BackendLink(dialer);
    }

    // ---------------------------------------------------------------- the client channel

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        out = new ClientOutput(ctx.channel());
        handshake = new StartupHandshake(config, verifier, decoder, out, new HandshakeEvents());
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess() && handshake != null) handshake.tlsEstablished();
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        if (phase == Phase.CLOSED) {
            frame.release();
            return;
        }
        try {
            if (phase == Phase.HANDSHAKE) {
                try {
                    handshake.onClientFrame(frame);
                } finally {
                    frame.release();
                }
            } else {
                inbound.add(frame);
                drainReading();
            }
        } catch (ProtocolException e) {
            fatal("08P01", e.getMessage(), null);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (phase != Phase.CLOSED) backend.flush(); // once closed, the backend may be another session's
        out.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (phase != Phase.CLOSED) backend.autoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof FrameDecoder.MessageLengthException) {
            // dsql-facts §2 / §9.3: the docs give 08P01 "invalid message length"; real DSQL closes silently.
            fatal("08P01", "invalid message length", null);
        } else if (c instanceof ProtocolException) {
            fatal("08P01", c.getMessage(), null);
        } else if (c instanceof IOException || c instanceof javax.net.ssl.SSLException || cause instanceof DecoderException) {
            close();
        } else {
            LOG.log(System.Logger.Level.WARNING, "session " + (flows == null ? "?" : flows.state().id()) + " failed", c);
            fatal("XX000", "internal error in the dsqlkit gateway: " + c, null);
        }
    }

    // ---------------------------------------------------------------- startup

    private final class HandshakeEvents implements StartupHandshake.Events {
        @Override
        public void authenticated(String user, StartupMessage startup) {
            phase = Phase.CONNECTING;
            backendParameters = BackendLink.startupParameters(config, user, startup);
            BackendLink pooled = pool == null ? null : pool.take(out.channel().eventLoop(), backendParameters);
            if (pooled != null) backend = pooled;
            SessionState state = new SessionState(IDS.incrementAndGet(), user);
            ResponseQueue responses = new ResponseQueue(out, errors, state, ClientSession.this::close);
            TransactionTracker tx = new TransactionTracker(state, behaviour, errors, out);
            FlowContext ctx = new FlowContext(planner, state, backend, responses, tx, out, new SessionFlowControl());
            flows = new Flows(state, responses, tx, new SimpleQueryFlow(ctx), new ExtendedQueryFlow(ctx));
            if (pooled != null) {
                pooled.handTo(new BackendEvents());
                handshake.resumed(pooled.reportedParameters(), clientKey(pooled.processId(), pooled.secretKey()));
                backendReady();
                return;
            }
            out.channel().config().setAutoRead(false);
            backend.open(out.channel().eventLoop(), backendParameters, new BackendEvents(), pool == null ? 0 : pool.epoch());
        }

        @Override
        public void cancel(FrontendMessage.CancelRequest request) {
            // Only with a key the gateway gave an open session (CancelKeys), and then with the backend's own secret.
            Integer secret = cancelKeys.backendSecret(request.processId(), request.secretKey());
            if (secret != null) {
                backend.forwardCancel(out.channel().eventLoop(), new FrontendMessage.CancelRequest(request.processId(), secret));
            }
            close();
        }

        @Override
        public BackendMessage.BackendKeyData clientKey(int processId, int secretKey) {
            return ClientSession.this.clientKey(processId, secretKey);
        }

        @Override
        public void fatal(String sqlstate, String message, String hint) {
            ClientSession.this.fatal(sqlstate, message, hint);
        }
    }

    private final class BackendEvents implements BackendLink.Events {
        @Override
        public void backendFrame(Frame f) {
            if (phase == Phase.CLOSED) return;
            if (phase == Phase.READY) {
                flows.responses().onBackend(f);
                return;
            }
            switch (handshake.onBackendAnswer(f, flows.state(), errors)) {
                case READY -> backendReady();
                case FAILED -> close();
                case PENDING -> { }
            }
        }

        @Override
        public void backendReadComplete() {
            out.flush();
        }

        @Override
        public void backendWritabilityChanged() {
            updateClientAutoRead();
        }

        @Override
        public void backendUnavailable() {
            fatal("08006", "the local PostgreSQL behind the gateway is unavailable (it is being restarted); retry", null);
        }

        @Override
        public void backendLost() {
            if (phase != Phase.CLOSED) fatal("08006", "the local PostgreSQL behind the gateway went away; reconnect", null);
        }
    }

    private BackendMessage.BackendKeyData clientKey(int processId, int secretKey) {
        cancelKey = cancelKeys.issue(processId, secretKey);
        return new BackendMessage.BackendKeyData(processId, cancelKey.clientSecret);
    }

    /** The backend session is ready (new, or taken from the pool) and the client told so. */
    private void backendReady() {
        phase = Phase.READY;
        joinArbiter();
        backend.startLifetime(config.limits().maxConnectionAge(), this::lifetimeExceeded);
        updateClientAutoRead();
        drain();
    }

    private void joinArbiter() {
        if (arbiter == null || backend.processId() == 0) return;
        occ = new OccParticipant(backend.processId(), arbiter, out.channel().eventLoop(), flows.state(),
                flows.responses(), backend);
        flows.responses().onBusy(arbiter::busy);
        arbiter.join(occ);
    }

    /** dsql-facts §2: connections last at most 60 minutes; DSQL sends nothing, it just closes. */
    private void lifetimeExceeded() {
        LOG.log(System.Logger.Level.DEBUG, flows.state() + ": connection lifetime reached, closing");
        close();
    }

    // ---------------------------------------------------------------- client messages

    private final class SessionFlowControl implements FlowControl {
        @Override
        public void block() {
            inbound.block();
        }

        @Override
        public void copyInStarted() {
            inbound.copyInStarted();
            out.channel().eventLoop().execute(ClientSession.this::drain);
        }

        @Override
        public void readyForQuery(Frame readyForQuery) {
            // Called by the head of the response queue (the exchange this ReadyForQuery answers), still queued.
            char status = (char) readyForQuery.firstBodyByte();
            flows.tx().readyForQuery(status, flows.responses().answeringLast());
            if (status == 'I') newSessionsChanged();
            out.relay(readyForQuery);
            out.flush();
            inbound.unblock();
            drain();
        }
    }

    /** After a statement that {@link BackendPool#changesNewSessions} ended: backends opened before are not reused. */
    private void newSessionsChanged() {
        if (!flows.state().changedNewSessions) return;
        flows.state().changedNewSessions = false;
        if (pool != null) pool.newSessionsChanged();
    }

    /** Plans what the client sent and flushes it to the backend. */
    private void drain() {
        drainReading();
        if (phase == Phase.READY) backend.flush();
    }

    /**
     * Plans what the client sent, during a read of the client's channel: the flush waits for the read's end
     * ({@link #channelReadComplete}), so that messages read together (a pipelined Bind, Execute, Sync) go to the
     * backend in one write.
     */
    private void drainReading() {
        Frame f;
        while (phase == Phase.READY && (f = inbound.next()) != null) {
            try {
                dispatch(f);
            } catch (ProtocolException e) {
                fatal("08P01", e.getMessage(), null);
                return;
            } finally {
                f.release();
            }
        }
        updateClientAutoRead();
    }

    private void updateClientAutoRead() {
        if (out == null || phase == Phase.CLOSED) return;
        boolean read = (phase == Phase.READY || phase == Phase.HANDSHAKE) && !inbound.full() && backend.writable();
        out.channel().config().setAutoRead(read);
    }

    /** Routes one client message to its conversation. */
    private void dispatch(Frame f) {
        SimpleQueryFlow simple = flows.simple();
        ExtendedQueryFlow extended = flows.extended();
        switch (f.type()) {
            case FrontendType.QUERY -> simple.onQuery(((FrontendMessage.Query) f.decodeFrontend()).sql(), f);
            case FrontendType.FUNCTION_CALL -> simple.onFunctionCall(f);
            case FrontendType.PARSE -> extended.onParse((FrontendMessage.Parse) f.decodeFrontend(), f);
            case FrontendType.BIND -> extended.onBind(FrontendMessage.BindTarget.decode(f.body()), f);
            case FrontendType.DESCRIBE -> extended.onDescribe((FrontendMessage.Describe) f.decodeFrontend(), f);
            case FrontendType.EXECUTE -> extended.onExecute((FrontendMessage.Execute) f.decodeFrontend(), f);
            case FrontendType.CLOSE -> extended.onClose((FrontendMessage.Close) f.decodeFrontend(), f);
            case FrontendType.SYNC -> extended.onSync(f);
            case FrontendType.FLUSH -> extended.onFlush(f);
            case FrontendType.TERMINATE -> close();
            case FrontendType.COPY_DATA, FrontendType.COPY_DONE, FrontendType.COPY_FAIL -> {
                f.decodeFrontend();
                if (f.type() != FrontendType.COPY_DATA) inbound.copyInEnded();
                backend.forward(f);
            }
            default -> throw new ProtocolException("invalid frontend message type " + (f.type() & 0xFF));
        }
    }

    // ---------------------------------------------------------------- ending

    /** Sends a FATAL error and closes (only this connection). */
    private void fatal(String sqlstate, String message, String hint) {
        if (phase == Phase.CLOSED || out == null || !out.channel().isActive()) {
            close();
            return;
        }
        out.write(ErrorResponse.of("FATAL", sqlstate, message, null, hint));
        out.flush();
        close();
    }

    /**
     * Closes both sides. The backend session goes back to the pool when it waits idle for a query and no cancel
     * can reach it any more (see {@link BackendPool}); else its connection ends, and PostgreSQL rolls back an open
     * transaction.
     */
    public void close() {
        if (phase == Phase.CLOSED) return;
        boolean wasReady = phase == Phase.READY;
        phase = Phase.CLOSED;
        boolean cancelled = cancelKey != null && cancelKeys.end(cancelKey);
        if (occ != null) {
            arbiter.leave(occ);
            cancelled |= occ.leave();
        }
        inbound.clear();
        if (flows != null) {
            flows.tx().close();
            flows.responses().clear();
            newSessionsChanged(); // it may commit yet (a COMMIT sent before the client left)
        }
        if (pool != null && wasReady && !cancelled) pool.release(backendParameters, backend);
        else backend.terminate();
        if (out != null) {
            out.flush();
            out.channel().close();
        }
        if (flows != null) {
            try {
                behaviour.sessionClosed(flows.state());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "behaviour.sessionClosed failed for " + flows.state(), e);
            }
        }
    }
}
