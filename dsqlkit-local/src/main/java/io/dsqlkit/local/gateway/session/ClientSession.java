package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.gateway.BackendBootstrap;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.auth.AuthFailure;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.IamTokenVerifier;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrameDecoder;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Bind;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Execute;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Parse;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.StartupMessage;
import io.dsqlkit.local.gateway.protocol.ProtocolException;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection and its backend connection, both on the same event loop (no locking).
 * Startup (TLS, authentication, database check), then every client message is planned by the
 * {@link StatementPlanner} and sent to PostgreSQL; the backend's answers are relayed as raw frames
 * (rows are streamed, never buffered) through a queue of {@link Pending} expectations that knows
 * which answers to reshape or swallow. The codec ({@code protocol}) knows nothing of this.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    private static final AtomicLong IDS = new AtomicLong();
    private static final Set<String> FORWARDED_STARTUP = Set.of("application_name", "client_encoding", "DateStyle",
            "IntervalStyle", "TimeZone", "extra_float_digits", "search_path");
    private static final int MAX_QUEUED_FRAMES = 256;

    private enum Phase { STARTUP, PASSWORD, CONNECTING, READY, CLOSED }

    private final GatewayConfig config;
    private final StatementPlanner planner;
    private final ErrorTranslator errors;
    private final IamTokenVerifier verifier;
    private final FrameDecoder decoder;
    private final DsqlBehaviour behaviour;

    private Channel client;
    private Channel backend;
    private Phase phase = Phase.STARTUP;
    private boolean tlsActive;
    private StartupMessage startup;
    private SessionState state;
    private final ArrayDeque<Frame> inbound = new ArrayDeque<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** A simple Query (or function call) is in flight: planning waits for its ReadyForQuery. */
    private boolean blocked;
    /** The backend sent CopyInResponse: the client's CopyData/CopyDone/CopyFail must pass while the query is in flight. */
    private boolean copyIn;
    private boolean errorSinceSync;
    private final Map<String, Prepared> prepared = new HashMap<>();
    private final Map<String, Prepared> portals = new HashMap<>();
    private ScheduledFuture<?> lifetime;
    /**
     * The completion of a wrapped autocommit write, held until its COMMIT succeeded: DSQL reports a
     * commit-time refusal of an autocommit statement instead of, not after, its completion.
     */
    private ByteBuf heldCompletion;

    /** A statement prepared through Parse: what the planner learned at Parse, used at Execute. */
    private record Prepared(Statement statement, String source, String tag, boolean localDdl) {}

    public ClientSession(GatewayConfig config, StatementPlanner planner, IamTokenVerifier verifier, FrameDecoder decoder) {
        this.config = config;
        this.planner = planner;
        this.behaviour = config.behaviour();
        this.errors = new ErrorTranslator(config.behaviour());
        this.verifier = verifier;
        this.decoder = decoder;
    }

    // ---------------------------------------------------------------- client side

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent e && e.isSuccess()) tlsActive = true;
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
            switch (phase) {
                case STARTUP -> {
                    try {
                        onStartup(ctx, frame.decodeFrontend());
                    } finally {
                        frame.release();
                    }
                }
                case PASSWORD -> {
                    try {
                        onPassword(frame);
                    } finally {
                        frame.release();
                    }
                }
                default -> {
                    inbound.add(frame);
                    drain();
                }
            }
        } catch (ProtocolException e) {
            fatal("08P01", e.getMessage(), null);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backend != null) backend.flush();
        client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null) backend.config().setAutoRead(client.isWritable());
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
            LOG.log(System.Logger.Level.WARNING, "session " + (state == null ? "?" : state.id()) + " failed", c);
            fatal("XX000", "internal error in the dsqlkit gateway: " + c, null);
        }
    }

    private void onStartup(ChannelHandlerContext ctx, FrontendMessage m) {
        if (m instanceof FrontendMessage.SslRequest) {
            if (config.tls() != null && !tlsActive) {
                client.writeAndFlush(client.alloc().buffer(1).writeByte('S'));
                SslHandler ssl = config.tls().newHandler(client.alloc());
                client.pipeline().addFirst("tls", ssl);
                tlsActive = true;
            } else {
                client.writeAndFlush(client.alloc().buffer(1).writeByte('N'));
            }
        } else if (m instanceof FrontendMessage.GssEncRequest) {
            client.writeAndFlush(client.alloc().buffer(1).writeByte('N'));
        } else if (m instanceof FrontendMessage.CancelRequest c) {
            forwardCancel(c);
        } else if (m instanceof StartupMessage s) {
            if (s.protocolVersion() != FrontendMessage.PROTOCOL_3_0) {
                // PostgreSQL 17+ clients may ask for a newer minor version; we speak 3.0 and say so.
                writeMessage(new BackendMessage.NegotiateProtocolVersion(0, List.of()));
            }
            startup = s;
            decoder.typed(true);
            String user = s.parameters().get("user");
            if (user == null || user.isEmpty()) {
                fatal("28000", "no PostgreSQL user name specified in startup packet", null);
                return;
            }
            if (config.auth() == AuthMode.IAM) {
                phase = Phase.PASSWORD;
                writeMessage(BackendMessage.AuthenticationCleartextPassword.INSTANCE);
                client.flush();
            } else {
                authenticated();
            }
        } else {
            throw new ProtocolException("expected a startup message");
        }
    }

    private void onPassword(Frame frame) {
        if (frame.type() != 'p') throw new ProtocolException("expected password response, got message type " + (char) frame.type());
        String token = ((FrontendMessage.PasswordMessage) frame.decodeFrontend()).password();
        String user = startup.parameters().get("user");
        var failure = verifier.verify(user, token);
        if (failure.isPresent()) {
            AuthFailure f = failure.get();
            LOG.log(System.Logger.Level.INFO, "refused connection for role " + user + ": " + f.message());
            fatal(f.sqlstate(), f.message(), f.hint());
            return;
        }
        authenticated();
    }

    private void authenticated() {
        String user = startup.parameters().get("user");
        String db = startup.parameters().getOrDefault("database", user);
        if (db == null || db.isEmpty()) db = user;
        if (!GatewayConfig.DATABASE.equals(db)) {
            // dsql-facts §1.3/§2: one database per cluster, named postgres.
            fatal("3D000", "database \"" + db + "\" does not exist", null);
            return;
        }
        phase = Phase.CONNECTING;
        state = new SessionState(IDS.incrementAndGet(), user);
        client.config().setAutoRead(false);
        connectBackend(user);
    }

    // ---------------------------------------------------------------- backend side

    private void connectBackend(String user) {
        Bootstrap b = config.backendBootstrap(client.eventLoop())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FrameDecoder(true, Integer.MAX_VALUE), new BackendHandler());
                    }
                });
        b.connect(config.backendAddress()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fatal("08006", "the local PostgreSQL behind the gateway is unavailable (it is being restarted); retry", null);
                return;
            }
            if (phase == Phase.CLOSED) {
                f.channel().close();
                return;
            }
            backend = f.channel();
            Map<String, String> p = new LinkedHashMap<>();
            p.put("user", user);
            p.put("database", GatewayConfig.DATABASE);
            startup.parameters().forEach((k, v) -> {
                if (FORWARDED_STARTUP.contains(k)) p.put(k, v);
            });
            // dsql-facts §1.3: REPEATABLE READ is the only isolation level.
            p.put("default_transaction_isolation", "repeatable read");
            p.put(BackendBootstrap.ROWS_SETTING, Integer.toString(config.limits().maxTransactionRows()));
            p.put(BackendBootstrap.BYTES_SETTING, Long.toString(config.limits().maxTransactionBytes()));
            behaviour.backendSessionSettings().forEach(p::put);
            writeBackend(new StartupMessage(FrontendMessage.PROTOCOL_3_0, p));
            backend.flush();
        });
    }

    private final class BackendHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Frame f = (Frame) msg;
            try {
                if (phase == Phase.CLOSED) return;
                if (phase == Phase.CONNECTING) onBackendStartup(f);
                else onBackend(f);
            } finally {
                f.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (client != null) client.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            updateClientAutoRead();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (phase != Phase.CLOSED) {
                fatal("08006", "the local PostgreSQL behind the gateway went away; reconnect", null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "backend connection failed", cause);
            ctx.close();
        }
    }

    private void onBackendStartup(Frame f) {
        switch (f.type()) {
            case 'R' -> {
                BackendMessage m = f.decodeBackend();
                if (!(m instanceof BackendMessage.AuthenticationOk)) {
                    fatal("28000", "the local PostgreSQL asked for authentication; it must trust the gateway", null);
                    return;
                }
                relay(f);
            }
            case 'S' -> relayParameterStatus(f);
            case 'K', 'N' -> relay(f);
            case 'E' -> {
                ErrorResponse e = (ErrorResponse) f.decodeBackend();
                ErrorResponse t = errors.translate(state, e);
                writeMessage(t != null ? t : e);
                client.flush();
                close();
            }
            case 'Z' -> {
                phase = Phase.READY;
                relay(f);
                client.flush();
                lifetime = client.eventLoop().schedule(this::lifetimeExceeded,
                        config.limits().maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS);
                updateClientAutoRead();
                drain();
            }
            default -> relay(f);
        }
    }

    /** dsql-facts §2: connections last at most 60 minutes; DSQL sends nothing, it just closes. */
    private void lifetimeExceeded() {
        LOG.log(System.Logger.Level.DEBUG, state + ": connection lifetime reached, closing");
        close();
    }

    private void onBackend(Frame f) {
        switch (f.type()) {
            case 'N', 'A' -> {
                relay(f);
                return;
            }
            case 'S' -> {
                relayParameterStatus(f);
                return;
            }
            default -> { }
        }
        Pending head = pending.peek();
        if (head == null) {
            if (f.type() == 'E') {
                ErrorResponse e = (ErrorResponse) f.decodeBackend();
                ErrorResponse t = errors.translate(state, e);
                writeMessage(t != null ? t : e);
                if ("FATAL".equals(e.field('S')) || "PANIC".equals(e.field('S'))) {
                    client.flush();
                    close();
                }
            } else {
                relay(f);
            }
            return;
        }
        if (head.onBackend(f)) pending.poll();
    }

    // ---------------------------------------------------------------- client messages

    private static boolean isCopyFrame(Frame f) {
        return f != null && (f.type() == 'd' || f.type() == 'c' || f.type() == 'f');
    }

    private void drain() {
        while (phase == Phase.READY && (!blocked || copyIn && isCopyFrame(inbound.peek())) && !inbound.isEmpty()) {
            Frame f = inbound.poll();
            try {
                onClientMessage(f);
            } catch (ProtocolException e) {
                fatal("08P01", e.getMessage(), null);
                return;
            } finally {
                f.release();
            }
        }
        updateClientAutoRead();
        if (backend != null && phase == Phase.READY) backend.flush();
    }

    private void updateClientAutoRead() {
        if (client == null || phase == Phase.CLOSED) return;
        boolean read = (phase == Phase.READY || phase == Phase.STARTUP || phase == Phase.PASSWORD)
                && inbound.size() < MAX_QUEUED_FRAMES && (backend == null || backend.isWritable());
        client.config().setAutoRead(read);
    }

    private void onClientMessage(Frame f) {
        switch (f.type()) {
            case 'Q' -> onQuery(((FrontendMessage.Query) f.decodeFrontend()).sql(), f);
            case 'P' -> onParse((Parse) f.decodeFrontend(), f);
            case 'B' -> onBind((Bind) f.decodeFrontend(), f);
            case 'D' -> {
                FrontendMessage.Describe d = (FrontendMessage.Describe) f.decodeFrontend();
                forward(f, new Step(d.kind() == 'S' ? StepKind.DESCRIBE_STATEMENT : StepKind.DESCRIBE_PORTAL, Outcome.RELAY));
            }
            case 'E' -> onExecute((Execute) f.decodeFrontend(), f);
            case 'C' -> {
                FrontendMessage.Close c = (FrontendMessage.Close) f.decodeFrontend();
                (c.kind() == 'S' ? prepared : portals).remove(c.name());
                forward(f, new Step(StepKind.CLOSE, Outcome.RELAY));
            }
            case 'S' -> onSync(f);
            case 'H' -> {
                f.decodeFrontend();
                backend.write(f.retainedRaw());
            }
            case 'X' -> close();
            case 'd', 'c', 'f' -> {
                f.decodeFrontend();
                if (f.type() != 'd') copyIn = false;
                backend.write(f.retainedRaw());
            }
            case 'F' -> {
                f.decodeFrontend();
                blocked = true;
                errorSinceSync = false;
                planner.beginImplicit(state);
                pending.add(new QueryExchange(List.of(), status -> readyForQuery(status, true)));
                backend.write(f.retainedRaw());
            }
            default -> throw new ProtocolException("invalid frontend message type " + (f.type() & 0xFF));
        }
    }

    // ---- simple query

    private void onQuery(String sql, Frame raw) {
        List<Statement> statements = split(sql);
        blocked = true;
        errorSinceSync = false;
        if (statements == null) {
            planner.beginImplicit(state);
            pending.add(new QueryExchange(List.of(), status -> readyForQuery(status, true)));
            backend.write(raw.retainedRaw());
            return;
        }
        List<Statement> real = new ArrayList<>();
        for (Statement s : statements) if (s.category() != StatementCategory.EMPTY) real.add(s);
        if (real.isEmpty()) {
            pending.add(new QueryExchange(List.of(), status -> readyForQuery(status, true)));
            backend.write(raw.retainedRaw());
            return;
        }
        boolean autocommit = !state.inBlock;
        boolean hasTxControl = false;
        for (Statement s : real) if (s.category() == StatementCategory.TRANSACTION_CONTROL) hasTxControl = true;
        planner.beginImplicit(state);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        boolean changed = false;
        boolean write = false;
        for (Statement s : real) {
            StatementPlanner.Planned p = planner.plan(state, s, sql);
            outcomes.add(p.outcome());
            texts.add(p.sql());
            changed |= p.changed();
            write |= p.write();
            if (p.stopAfter()) {
                changed |= texts.size() < real.size();
                break;
            }
        }
        // dsql-facts §1.2: an autocommit write is wrapped in BEGIN ... so that the COMMIT-time checks
        // (age, behaviour.beforeCommit) can still refuse and undo it, as DSQL does at commit.
        boolean wrap = autocommit && !hasTxControl && write;
        if (wrap) {
            outcomes.add(0, Outcome.SUPPRESS);
            texts.add(0, "BEGIN");
            boolean hadDdl = state.hasDdl;
            QueryExchange phase1 = new QueryExchange(outcomes, status -> finishWrapped(status, hadDdl));
            phase1.holdLast = true;
            pending.add(phase1);
            writeBackend(new FrontendMessage.Query(String.join(";\n", texts)));
        } else {
            pending.add(new QueryExchange(outcomes, status -> readyForQuery(status, true)));
            if (changed) writeBackend(new FrontendMessage.Query(String.join(";\n", texts)));
            else backend.write(raw.retainedRaw());
        }
    }

    /** Second half of a wrapped autocommit write: COMMIT, or ROLLBACK standing for a refused commit. */
    private void finishWrapped(char status, boolean hadDdl) {
        if (status == 'T') {
            var refusal = planner.commitCheck(state);
            if (refusal.isPresent()) {
                pending.add(new QueryExchange(List.of(Outcome.errorInstead(refusal.get())), s -> readyForQuery(s, true)));
                writeBackend(new FrontendMessage.Query("ROLLBACK"));
            } else {
                pending.add(new QueryExchange(List.of(Outcome.suppressedTxEnd(hadDdl)), s -> readyForQuery(s, true)));
                writeBackend(new FrontendMessage.Query("COMMIT"));
            }
        } else {
            pending.add(new QueryExchange(List.of(Outcome.suppressedTxEnd(hadDdl)), s -> readyForQuery(s, true)));
            writeBackend(new FrontendMessage.Query("ROLLBACK"));
        }
        backend.flush();
    }

    // ---- extended protocol

    private void onParse(Parse p, Frame raw) {
        List<Statement> statements = split(p.sql());
        List<Statement> real = new ArrayList<>();
        if (statements != null) for (Statement s : statements) if (s.category() != StatementCategory.EMPTY) real.add(s);
        if (real.size() != 1) {
            // Empty, or several commands (the backend refuses those itself).
            prepared.put(p.name(), new Prepared(null, p.sql(), null, false));
            forward(raw, new Step(StepKind.PARSE, Outcome.RELAY));
            return;
        }
        Statement st = real.get(0);
        if (state.skipUntilSync) {
            prepared.put(p.name(), new Prepared(st, p.sql(), null, false));
            forward(raw, new Step(StepKind.PARSE, Outcome.RELAY));
            return;
        }
        var rejection = planner.lint(p.sql(), st);
        if (rejection.isPresent()) {
            if (state.inBlock) state.failed = true;
            injectError(rejection.get(), true);
            return;
        }
        var rewrite = planner.parseRewrite(state, st);
        prepared.put(p.name(), new Prepared(st, p.sql(), rewrite == null ? null : rewrite.tag(), rewrite != null && rewrite.localDdl()));
        if (rewrite == null) {
            forward(raw, new Step(StepKind.PARSE, Outcome.RELAY));
        } else if (rewrite.error() != null) {
            if (state.inBlock) state.failed = true;
            injectError(rewrite.error(), true);
        } else {
            pending.add(new Step(StepKind.PARSE, Outcome.RELAY));
            writeBackend(new Parse(p.name(), rewrite.sql(), p.parameterTypes()));
        }
    }

    private void onBind(Bind b, Frame raw) {
        Prepared st = prepared.get(b.statement());
        if (st != null) portals.put(b.portal(), st);
        forward(raw, new Step(StepKind.BIND, Outcome.RELAY));
    }

    private void onExecute(Execute e, Frame raw) {
        Prepared p = portals.get(e.portal());
        if (state.skipUntilSync || p == null || p.statement() == null) {
            forward(raw, new Step(StepKind.EXECUTE, Outcome.RELAY));
            return;
        }
        if (!state.inBlock && !state.implicitOpen) {
            planner.beginImplicit(state);
            state.implicitOpen = true;
        }
        StatementPlanner.Planned plan = planner.execution(state, p.statement(), p.localDdl());
        if (plan.outcome().mode() == Outcome.Mode.ERROR_INSTEAD) {
            // A refused COMMIT: roll back, report the refusal, and make the backend skip to Sync.
            injectStatement("ROLLBACK", plan.outcome());
            injectStatement(BackendSql.raise(new DsqlError("XX000", "dsqlkit: skip to sync")), Outcome.suppressError());
            state.skipUntilSync = true;
        } else if (plan.changed()) {
            injectStatement(plan.sql(), plan.outcome());
            if (BackendSql.isRaise(plan.sql())) state.skipUntilSync = true;
        } else {
            Outcome o = p.tag() != null ? Outcome.tag(p.tag()) : plan.outcome();
            forward(raw, new Step(StepKind.EXECUTE, o));
        }
    }

    private void onSync(Frame raw) {
        if (!state.inBlock && state.implicitOpen && !state.skipUntilSync && (state.hasDml || state.hasDdl)) {
            var refusal = planner.commitCheck(state);
            refusal.ifPresent(e -> injectStatement(BackendSql.raise(e), Outcome.RELAY));
        }
        state.implicitOpen = false;
        state.skipUntilSync = false;
        forward(raw, new Step(StepKind.SYNC, Outcome.RELAY));
    }

    /** Parse+Bind+Execute of an internal statement on the unnamed statement and portal. */
    private void injectStatement(String sql, Outcome outcome) {
        pending.add(new Step(StepKind.PARSE, Outcome.SUPPRESS));
        writeBackend(new Parse("", sql, List.of()));
        pending.add(new Step(StepKind.BIND, Outcome.SUPPRESS));
        writeBackend(new Bind("", "", List.of(), List.of(), List.of()));
        pending.add(new Step(StepKind.EXECUTE, outcome));
        writeBackend(new Execute("", 0));
    }

    private void injectError(DsqlError e, boolean skip) {
        injectStatement(BackendSql.raise(e), Outcome.RELAY);
        if (skip) state.skipUntilSync = true;
    }

    private void forward(Frame raw, Pending p) {
        pending.add(p);
        backend.write(raw.retainedRaw());
    }

    /** The statements of {@code sql}, or null if the splitter cannot handle it (then it is relayed unplanned). */
    private List<Statement> split(String sql) {
        try {
            return planner.split(sql);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot split a statement; relaying it unchecked: " + e);
            return null;
        }
    }

    // ---------------------------------------------------------------- answers

    private void readyForQuery(char status, boolean relay) {
        // Called by the head of `pending` (the exchange this ReadyForQuery answers), still queued.
        if (pending.size() <= 1) {
            // Reconcile the planner with the backend's truth.
            if (status == 'I') {
                if (state.behaviourNotified) transactionEnded(!errorSinceSync, state.hasDdl);
                state.endTransaction();
            } else {
                state.inBlock = true;
                state.failed = status == 'E';
            }
            state.implicitOpen = false;
            state.skipUntilSync = false;
        }
        if (heldCompletion != null) {
            if (errorSinceSync) heldCompletion.release();
            else client.write(heldCompletion);
            heldCompletion = null;
        }
        errorSinceSync = false;
        if (relay) {
            writeMessage(new BackendMessage.ReadyForQuery(status));
            client.flush();
        }
        blocked = false;
        copyIn = false;
        drain();
    }

    private void transactionEnded(boolean committed, boolean hadDdl) {
        state.hookHasDdl = hadDdl;
        try {
            if (committed) behaviour.afterCommit(state);
            else behaviour.afterRollback(state);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "behaviour hook failed for " + state, e);
        } finally {
            state.hookHasDdl = null;
            state.behaviourNotified = false;
        }
    }

    /** Handles a statement's completion under its outcome. */
    private void complete(Frame f, Outcome o, boolean hold) {
        String tag = null;
        if (o.txEnd() || o.mode() == Outcome.Mode.ERROR_INSTEAD) {
            tag = ((BackendMessage.CommandComplete) f.decodeBackend()).tag();
            if (o.mode() == Outcome.Mode.ERROR_INSTEAD) transactionEnded(false, false);
            else transactionEnded(tag.startsWith("COMMIT"), o.hadDdl());
        }
        switch (o.mode()) {
            case RELAY -> {
                if (hold) {
                    if (heldCompletion != null) heldCompletion.release();
                    if (o.tag() != null) {
                        heldCompletion = client.alloc().buffer();
                        new BackendMessage.CommandComplete(o.tag()).encode(heldCompletion);
                    } else {
                        heldCompletion = f.retainedRaw();
                    }
                } else if (o.tag() != null) {
                    writeMessage(new BackendMessage.CommandComplete(o.tag()));
                } else {
                    relay(f);
                }
            }
            case ERROR_INSTEAD -> {
                errorSinceSync = true;
                writeMessage(ErrorTranslator.of("ERROR", o.error()));
            }
            default -> { }
        }
    }

    private void backendError(Frame f, Outcome o) {
        errorSinceSync = true;
        if (o.mode() == Outcome.Mode.SUPPRESS_ERROR) return;
        ErrorResponse e = (ErrorResponse) f.decodeBackend();
        if (o.txEnd()) transactionEnded(false, o.hadDdl());
        ErrorResponse t = errors.translate(state, e);
        if (t != null) writeMessage(t);
        else relay(f);
    }

    /** An expectation about the backend's next answers. */
    private interface Pending {
        /** Consumes one backend frame; true when this expectation is complete. */
        boolean onBackend(Frame f);
    }

    /** A simple Query (or FunctionCall): statements' answers in order, then ReadyForQuery. */
    private final class QueryExchange implements Pending {
        private final List<Outcome> outcomes;
        private final java.util.function.Consumer<Character> onReady;
        private int index;
        boolean holdLast;

        QueryExchange(List<Outcome> outcomes, java.util.function.Consumer<Character> onReady) {
            this.outcomes = outcomes;
            this.onReady = onReady;
        }

        private Outcome current() {
            return index < outcomes.size() ? outcomes.get(index) : Outcome.RELAY;
        }

        @Override
        public boolean onBackend(Frame f) {
            switch (f.type()) {
                case 'T', 'D' -> {
                    if (current().mode() == Outcome.Mode.RELAY) relay(f);
                }
                case 'C' -> {
                    complete(f, current(), holdLast && index == outcomes.size() - 1);
                    index++;
                }
                case 'I' -> {
                    relay(f);
                    index++;
                }
                case 'G' -> {
                    // COPY FROM STDIN (supported by DSQL, dsql-facts §1.1): let the client's copy stream through.
                    relay(f);
                    client.flush();
                    copyIn = true;
                    client.eventLoop().execute(ClientSession.this::drain);
                }
                case 'E' -> {
                    backendError(f, current());
                    index = outcomes.size();
                }
                case 'Z' -> {
                    char status = (char) f.body().getByte(0);
                    onReady.accept(status);
                    return true;
                }
                default -> relay(f);
            }
            return false;
        }
    }

    private enum StepKind { PARSE, BIND, DESCRIBE_STATEMENT, DESCRIBE_PORTAL, EXECUTE, CLOSE, SYNC }

    /** One extended-protocol message's answer. */
    private final class Step implements Pending {
        private final StepKind kind;
        private final Outcome outcome;

        Step(StepKind kind, Outcome outcome) {
            this.kind = kind;
            this.outcome = outcome;
        }

        @Override
        public boolean onBackend(Frame f) {
            byte t = f.type();
            if (t == 'E' && kind != StepKind.SYNC) {
                backendError(f, outcome);
                // The backend now ignores everything up to Sync: so do our expectations.
                while (!pending.isEmpty() && pending.peekLast() != this) {
                    Pending next = null;
                    for (Pending p : pending) {
                        if (p != this) {
                            next = p;
                            break;
                        }
                    }
                    if (next instanceof Step s && s.kind == StepKind.SYNC) break;
                    pending.remove(next);
                }
                return true;
            }
            boolean relayIt = outcome.mode() == Outcome.Mode.RELAY;
            switch (kind) {
                case PARSE, BIND, CLOSE -> {
                    if (relayIt) relay(f);
                    return true;
                }
                case DESCRIBE_STATEMENT -> {
                    if (relayIt) relay(f);
                    return t == 'T' || t == 'n';
                }
                case DESCRIBE_PORTAL -> {
                    if (relayIt) relay(f);
                    return true;
                }
                case EXECUTE -> {
                    if (t == 'C') {
                        complete(f, outcome, false);
                        return true;
                    }
                    if (relayIt) relay(f);
                    return t == 'I' || t == 's';
                }
                case SYNC -> {
                    if (t == 'Z') {
                        readyForQuery((char) f.body().getByte(0), true);
                        return true;
                    }
                    if (t == 'E') {
                        backendError(f, outcome);
                        return false;
                    }
                    relay(f);
                    return false;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    // ---------------------------------------------------------------- writing

    private void relay(Frame f) {
        client.write(f.retainedRaw());
    }

    private void relayParameterStatus(Frame f) {
        BackendMessage.ParameterStatus ps = (BackendMessage.ParameterStatus) f.decodeBackend();
        if ("server_version".equals(ps.name())) {
            writeMessage(new BackendMessage.ParameterStatus("server_version", GatewayConfig.SERVER_VERSION));
        } else {
            relay(f);
        }
    }

    private void writeMessage(BackendMessage m) {
        ByteBuf b = client.alloc().buffer();
        m.encode(b);
        client.write(b);
    }

    private void writeBackend(FrontendMessage m) {
        ByteBuf b = backend.alloc().buffer();
        m.encode(b);
        backend.write(b);
    }

    private void forwardCancel(FrontendMessage.CancelRequest c) {
        config.backendBootstrap(client.eventLoop())
                .handler(new ChannelInboundHandlerAdapter())
                .connect(config.backendAddress()).addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        ByteBuf b = f.channel().alloc().buffer(16);
                        c.encode(b);
                        f.channel().writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
                    }
                });
        close();
    }

    /** Sends a FATAL error and closes (only this connection). */
    private void fatal(String sqlstate, String message, String hint) {
        if (phase == Phase.CLOSED || client == null || !client.isActive()) {
            close();
            return;
        }
        writeMessage(ErrorResponse.of("FATAL", sqlstate, message, null, hint));
        client.flush();
        close();
    }

    /** Closes both sides; an open backend transaction is rolled back by PostgreSQL when its connection ends. */
    public void close() {
        if (phase == Phase.CLOSED) return;
        phase = Phase.CLOSED;
        if (lifetime != null) lifetime.cancel(false);
        for (Frame f : inbound) f.release();
        inbound.clear();
        if (heldCompletion != null) {
            heldCompletion.release();
            heldCompletion = null;
        }
        pending.clear();
        if (backend != null && backend.isActive()) {
            ByteBuf b = backend.alloc().buffer(5);
            FrontendMessage.Terminate.INSTANCE.encode(b);
            backend.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
        }
        if (client != null) client.flush().close();
        if (state != null) {
            try {
                behaviour.sessionClosed(state);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "behaviour.sessionClosed failed for " + state, e);
            }
        }
    }
}
