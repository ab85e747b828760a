package io.dsqlkit.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the database that counts round trips from the client's PostgreSQL
 * messages: every Sync, Flush and Terminate ends a batch the client then waits on, and so does a
 * simple Query, unless the client pipelines it (pgjdbc sends {@code BEGIN} as a simple Query
 * directly followed by the statement's Parse/Bind, all before the one Sync). Counted on the wire,
 * not timed, so the numbers hold on a busy machine.
 */
final class RoundTripProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<MessageCounter> counters = ConcurrentHashMap.newKeySet();

    RoundTripProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "round-trip-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Round trips since the last {@link #reset}, a simple Query still waiting for its successor counted as one. */
    int roundTrips() {
        int pending = 0;
        for (MessageCounter c : counters) pending += c.pendingQuery ? 1 : 0;
        return roundTrips.get() + pending;
    }

    int connections() {
        return connections.get();
    }

    void reset() {
        for (MessageCounter c : counters) c.pendingQuery = false;
        roundTrips.set(0);
    }

    /** Cuts every proxied connection, as a network failure would. */
    void cutAll() {
        for (Socket s : open) closeQuietly(s);
        open.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                MessageCounter counter = new MessageCounter();
                counters.add(counter);
                pump(client, server, counter);
                pump(server, client, null);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Frames the client's messages (the first, the startup message, has no type byte) and counts batch ends. */
    private final class MessageCounter {
        private boolean started;
        private final byte[] header = new byte[5];
        private int headerFill;
        private long bodyLeft;
        volatile boolean pendingQuery;

        void accept(byte[] b, int n) {
            int i = 0;
            while (i < n) {
                if (bodyLeft > 0) {
                    int take = (int) Math.min(bodyLeft, n - i);
                    bodyLeft -= take;
                    i += take;
                    continue;
                }
                int headerSize = started ? 5 : 4;
                header[headerFill++] = b[i++];
                if (headerFill < headerSize) continue;
                headerFill = 0;
                int off = started ? 1 : 0;
                long len = ((header[off] & 0xffL) << 24) | ((header[off + 1] & 0xff) << 16) | ((header[off + 2] & 0xff) << 8) | (header[off + 3] & 0xff);
                bodyLeft = len - 4;
                if (!started) {
                    started = true;
                    roundTrips.incrementAndGet(); // the startup message
                } else {
                    message((char) header[0]);
                }
            }
        }

        private void message(char type) {
            boolean pipelined = type == 'P' || type == 'B';
            if (pendingQuery && !pipelined) roundTrips.incrementAndGet();
            pendingQuery = false;
            switch (type) {
                case 'Q' -> pendingQuery = true;
                case 'S', 'H', 'p' -> roundTrips.incrementAndGet();
                default -> { }
            }
        }
    }

    private static void pump(Socket from, Socket to, MessageCounter counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (counter != null) counter.accept(buf, n);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "round-trip-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
