package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.GatewayConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;

/**
 * Opens a connection to the PostgreSQL behind the gateway, on the client's event loop (so a session
 * and its backend connection never need locking). Tests dial an {@code EmbeddedChannel} instead.
 */
@FunctionalInterface
interface BackendDialer {
    /** Connects and installs {@code handler}; the future completes with the connected channel. */
    ChannelFuture dial(EventLoop loop, ChannelHandler handler);

    /** The backend PostgreSQL's Unix socket named by the gateway's configuration. */
    static BackendDialer of(GatewayConfig config) {
        return (loop, handler) -> config.backendBootstrap(loop).handler(handler).connect(config.backendAddress());
    }
}
