package io.dsqlkit.local.gateway;

import io.dsqlkit.local.gateway.auth.IamTokenVerifier;
import io.dsqlkit.local.gateway.protocol.FrameDecoder;
import io.dsqlkit.local.gateway.session.ClientSession;
import io.dsqlkit.local.gateway.session.SessionServices;
import io.dsqlkit.local.gateway.session.StatementPlanner;
import io.dsqlkit.rules.Linter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.OptionalSslHandler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The public side of the local DSQL: a Netty server on loopback speaking the PostgreSQL protocol,
 * one {@link ClientSession} (with its own backend connection) per client connection.
 */
public final class GatewayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");

    private final GatewayConfig config;
    private final EventLoopGroup group;
    private final Channel server;
    private final SessionServices services;
    private final int port;

    private GatewayServer(GatewayConfig config, EventLoopGroup group, Channel server, SessionServices services) {
        this.config = config;
        this.group = group;
        this.services = services;
        this.server = server;
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Event loops unless {@value #THREADS_PROPERTY} says otherwise: see {@link #defaultEventLoops}. */
    public static final String THREADS_PROPERTY = "dsqlkit.gateway.threads";

    public static GatewayServer start(GatewayConfig config) {
        return start(config, Integer.getInteger(THREADS_PROPERTY, defaultEventLoops(Runtime.getRuntime().availableProcessors())));
    }

    /**
     * One event loop per four CPUs, at least one. The gateway shares its machine with PostgreSQL (a process per
     * session) and the clients; a session and its backend connection live on one loop, so a loop more only buys
     * parallelism the other processes need the CPUs for, and costs wake-ups: on 2 CPUs, pgbench -S through one
     * loop used 25.9 µs of gateway CPU per transaction against 34.3 through two (medians of the same interleaved
     * rounds, {@code COMPARE=1} in bench/gateway/cpu.sh; docs/gateway.md). A behaviour hook's catalog query (CREATE TABLE's quota check, CREATE INDEX ASYNC) holds the
     * sessions of its loop while it runs: all of them with one loop.
     */
    static int defaultEventLoops(int cpus) {
        return Math.max(1, cpus / 4);
    }

    /** A gateway with {@code threads} event loops. */
    public static GatewayServer start(GatewayConfig config, int threads) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, Transport.current().ioHandlerFactory());
        Linter linter = new Linter(config.profile());
        StatementPlanner planner = new StatementPlanner(linter, config.behaviour(), config.limits(), System::nanoTime);
        IamTokenVerifier verifier = new IamTokenVerifier(config.credentials(), config.hostNames(), Clock.systemUTC());
        SessionServices services = SessionServices.start(config);
        try {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(Transport.current().serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            FrameDecoder decoder = new FrameDecoder(false, config.limits().maxMessageBytes());
                            // Direct TLS (first byte 0x16, PostgreSQL 17 sslnegotiation=direct, dsql-facts §5)
                            // is detected here; the SSLRequest path adds its handler in the session.
                            if (config.tls() != null) ch.pipeline().addLast("direct-tls", new OptionalSslHandler(config.tls()));
                            ch.pipeline().addLast("frames", decoder);
                            ch.pipeline().addLast("session", new ClientSession(config, planner, verifier, decoder, services));
                        }
                    });
            Channel ch = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port())).sync().channel();
            GatewayServer s = new GatewayServer(config, group, ch, services);
            LOG.log(System.Logger.Level.DEBUG, "gateway listening on 127.0.0.1:" + s.port + " (" + Transport.current() + ") -> PostgreSQL " + config.backendSocket());
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            services.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding the gateway port", e);
        } catch (RuntimeException e) {
            services.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public GatewayConfig config() {
        return config;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        services.close();
    }
}
