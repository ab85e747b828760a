package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.BackendBootstrap;
import io.dsqlkit.local.gateway.GatewayConfig;
import io.dsqlkit.local.gateway.OccModel;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrameDecoder;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the PostgreSQL behind the gateway, and its lifetime: opens it with the session's startup
 * parameters, writes to it, reports what arrives to whoever holds it (a client session, or the {@link BackendPool}
 * between sessions), ends it with Terminate (PostgreSQL rolls back an open transaction when its connection ends).
 * It remembers what a next client would be told at startup (the reported parameters, the process id and secret) and
 * whether the backend waits idle for a query ({@link #reusable}). Also forwards CancelRequests, which PostgreSQL
 * takes on a connection of their own.
 */
final class BackendLink {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");
    /** Client startup parameters passed on to the backend session; the rest are dropped. */
    private static final Set<String> FORWARDED_STARTUP = Set.of("application_name", "client_encoding", "DateStyle",
            "IntervalStyle", "TimeZone", "extra_float_digits", "search_path");

    /**
     * {@code lock_timeout} under {@link OccModel#DSQL} (system property {@value #DSQL_MODEL_LOCK_TIMEOUT_PROPERTY},
     * default 2s): bounds only waits the OCC arbiter does not end, on locks held outside the gateway.
     */
    static final String DSQL_MODEL_LOCK_TIMEOUT_PROPERTY = "dsqlkit.gateway.occ.lockTimeout";

    /** What the session hears from its backend connection (all on the session's event loop). */
    interface Events {
        /** A backend message (released by the link afterwards). */
        void backendFrame(Frame f);

        /** The end of a batch of reads: time to flush what was relayed. */
        void backendReadComplete();

        void backendWritabilityChanged();

        /** The backend could not be reached at all. */
        void backendUnavailable();

        /** An established backend connection closed while the session was open. */
        void backendLost();
    }

    private final BackendDialer dialer;
    private Channel channel;
    private EventLoop loop;
    private Events events;
    private ScheduledFuture<?> lifetime;
    private boolean terminated;
    /** The {@link BackendPool#epoch} it was opened in. */
    private long epoch;
    /** When the connection was opened (System.nanoTime). */
    private long openedNanos;
    /** The parameters the backend reported (ParameterStatus), current values, in the order first reported. */
    private final Map<String, String> reported = new LinkedHashMap<>();
    private int processId;
    private int secretKey;
    /** The last message read was ReadyForQuery 'I' and nothing was written since: the backend waits idle for a query. */
    private boolean idle;
    /** {@link AdjacentRun#quietPromise} of {@link #channel}. */
    private ChannelPromise quietWrite;
    /** The reads prepared in this backend session for its clients; emptied when a pool resets it. */
    final PreparedReads preparedReads = new PreparedReads();
    /** What is written to the backend: client frames forwarded together (a Bind, Execute and Sync read together) go as one write. */
    private final AdjacentRun run = new AdjacentRun(b -> channel.write(b, quietWrite), () -> channel.flush());

    BackendLink(BackendDialer dialer) {
        this.dialer = dialer;
    }

    /** The startup parameters of the backend session for {@code user}: forwarded client settings plus DSQL's. */
    static Map<String, String> startupParameters(GatewayConfig config, String user, StartupMessage client) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", user);
        p.put("database", GatewayConfig.DATABASE);
        client.parameters().forEach((k, v) -> {
            if (FORWARDED_STARTUP.contains(k)) p.put(k, v);
        });
        // dsql-facts §1.3: REPEATABLE READ is the only isolation level.
        p.put("default_transaction_isolation", "repeatable read");
        p.put(BackendBootstrap.ROWS_SETTING, Integer.toString(config.limits().maxTransactionRows()));
        p.put(BackendBootstrap.BYTES_SETTING, Long.toString(config.limits().maxTransactionBytes()));
        config.behaviour().backendSessionSettings().forEach(p::put);
        // DSQL model: the OCC arbiter ends waits between gateway sessions within milliseconds; the lock
        // timeout only bounds waits on locks held outside the gateway (jobs, direct connections).
        if (config.occ() == OccModel.DSQL) p.put("lock_timeout", System.getProperty(DSQL_MODEL_LOCK_TIMEOUT_PROPERTY, "2s"));
        return p;
    }

    /**
     * Connects on {@code loop} and sends the StartupMessage; the answers arrive through {@code events}. {@code epoch}:
     * the {@link BackendPool#epoch} now (0 without a pool).
     */
    void open(EventLoop loop, Map<String, String> parameters, Events events, long epoch) {
        this.loop = loop;
        this.epoch = epoch;
        this.events = events;
        this.openedNanos = System.nanoTime();
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new Reader());
            }
        };
        dialer.dial(loop, init).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                events.backendUnavailable();
                return;
            }
            if (terminated) {
                f.channel().close();
                return;
            }
            channel = f.channel();
            quietWrite = AdjacentRun.quietPromise(channel);
            write(new StartupMessage(FrontendMessage.PROTOCOL_3_0, parameters));
            flush();
        });
    }

    /** dsql-facts §2: connections last at most {@code maxAge}; then {@code expired} runs. */
    void startLifetime(Duration maxAge, Runnable expired) {
        lifetime = loop.schedule(expired, maxAge.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the lifetime timer of the session that held the connection (the pool holds it now). */
    void stopLifetime() {
        if (lifetime != null) lifetime.cancel(false);
        lifetime = null;
    }

    /** Hands what arrives from now on to {@code events} (a session taking the connection over, or the pool). */
    void handTo(Events events) {
        this.events = events;
    }

    /**
     * The backend waits idle for a query (its last message was ReadyForQuery 'I' and nothing was written since: no
     * transaction, no extended-protocol exchange before a Sync, no COPY), the connection is open, and it was opened
     * less than {@code maxAgeNanos} ago.
     */
    boolean reusable(long maxAgeNanos) {
        return idle && !terminated && channel != null && channel.isActive() && System.nanoTime() - openedNanos < maxAgeNanos;
    }

    /** The parameters the backend reported at startup and since, with their current values. */
    Map<String, String> reportedParameters() {
        return reported;
    }

    /** The backend's process id (BackendKeyData), 0 before it was sent. */
    int processId() {
        return processId;
    }

    /** The backend's own cancel secret (BackendKeyData): never given to a client ({@link CancelKeys}). */
    int secretKey() {
        return secretKey;
    }

    long epoch() {
        return epoch;
    }

    EventLoop loop() {
        return loop;
    }

    void write(FrontendMessage m) {
        idle = false;
        ByteBuf b = channel.alloc().buffer();
        m.encode(b);
        run.write(b);
    }

    /** The backend's last message was ReadyForQuery 'I' and nothing was written since: no transaction, no unsynced exchange. */
    boolean waitsIdle() {
        return idle;
    }

    /** A prepared read's messages, in one buffer. */
    void write(PreparedReads.Use read) {
        idle = false;
        ByteBuf b = channel.alloc().buffer();
        read.encode(b);
        run.write(b);
    }

    /** The client's frame, unchanged. */
    void forward(Frame raw) {
        idle = false;
        run.add(raw);
    }

    /** Sends what was written; nothing to do when nothing was. */
    void flush() {
        if (channel != null) run.flush();
    }

    /** False while the backend's send buffer is full (then the client is not read). */
    boolean writable() {
        return channel == null || channel.isWritable();
    }

    /** Backpressure from the client: stop reading the backend while the client cannot take more. */
    void autoRead(boolean read) {
        if (channel != null) channel.config().setAutoRead(read);
    }

    /** Ends the connection (Terminate, then close) and the lifetime timer; idempotent. */
    void terminate() {
        if (terminated) return;
        terminated = true;
        if (lifetime != null) lifetime.cancel(false);
        if (channel != null && channel.isActive()) {
            run.writeRun(); // what was forwarded goes before Terminate, as it did unbatched
            ByteBuf b = channel.alloc().buffer(5);
            FrontendMessage.Terminate.INSTANCE.encode(b);
            channel.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
        } else {
            run.discard();
        }
    }

    /** Sends {@code c} to the backend on a connection of its own, as PostgreSQL expects. */
    void forwardCancel(EventLoop loop, FrontendMessage.CancelRequest c) {
        dialer.dial(loop, new ChannelInboundHandlerAdapter()).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ByteBuf b = f.channel().alloc().buffer(16);
                c.encode(b);
                f.channel().writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    /**
     * Cuts the backend's bytes into frames and hands each to the session as it is cut (the backend's messages
     * are trusted in length). The last handler of the pipeline, so a frame needs no pipeline hop.
     */
    private final class Reader extends FrameDecoder {
        Reader() {
            super(true, Integer.MAX_VALUE);
        }

        @Override
        protected void emit(Frame f, List<Object> out) {
            try {
                switch (f.type()) {
                    case BackendType.READY_FOR_QUERY -> idle = f.firstBodyByte() == 'I';
                    case BackendType.PARAMETER_STATUS -> {
                        var ps = (BackendMessage.ParameterStatus) f.decodeBackend();
                        reported.put(ps.name(), ps.value());
                    }
                    case BackendType.BACKEND_KEY_DATA -> {
                        var key = (BackendMessage.BackendKeyData) f.decodeBackend();
                        processId = key.processId();
                        secretKey = key.secretKey();
                    }
                    default -> { }
                }
                if (!terminated) events.backendFrame(f);
            } finally {
                f.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // Not ByteToMessageDecoder's: it asks for another read when autoRead is off and nothing went down the
            // pipeline, which here is always, and would defeat the client's backpressure.
            discardSomeReadBytes();
            events.backendReadComplete();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            events.backendWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            super.channelInactive(ctx);
            if (!terminated) events.backendLost();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "backend connection failed", cause);
            ctx.close();
        }
    }
}
