package io.dsqlkit.local.gateway.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Opens a connection to the PostgreSQL behind the gateway, on the client's event loop (so a session
 * and its backend connection never need locking). Tests dial an {@code EmbeddedChannel} instead.
 */
@FunctionalInterface
interface BackendDialer {
    /** Connects and installs {@code handler}; the future completes with the connected channel. */
    ChannelFuture dial(EventLoop loop, ChannelHandler handler);

    /** TCP to 127.0.0.1:{@code port}. */
    static BackendDialer tcp(int port) {
        return (loop, handler) -> new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(handler)
                .connect("127.0.0.1", port);
    }
}
