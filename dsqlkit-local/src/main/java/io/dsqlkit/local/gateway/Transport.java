package io.dsqlkit.local.gateway;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * The gateway's Netty transport: Linux's native epoll when it loads (one {@code epoll_wait} per batch of
 * events, no selector bookkeeping, direct syscalls on the channel's file descriptor), else Java's NIO.
 * System property {@value #PROPERTY}{@code =nio} forces NIO. The client side (TCP) and the backend side
 * (the PostgreSQL Unix socket) share the event loops, so both use the same transport.
 */
public enum Transport {
    EPOLL, NIO;

    public static final String PROPERTY = "dsqlkit.gateway.transport";

    private static final Transport CURRENT = choose();

    private static Transport choose() {
        if ("nio".equalsIgnoreCase(System.getProperty(PROPERTY))) return NIO;
        try {
            return Epoll.isAvailable() ? EPOLL : NIO;
        } catch (Throwable notLoadable) {
            return NIO;
        }
    }

    /** The transport this JVM's gateways use. */
    public static Transport current() {
        return CURRENT;
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends Channel> domainSocketChannel() {
        return this == EPOLL ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    SocketAddress domainSocketAddress(Path socket) {
        return this == EPOLL ? new DomainSocketAddress(socket.toFile()) : UnixDomainSocketAddress.of(socket);
    }
}
