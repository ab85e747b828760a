package io.dsqlkit.local.gateway;

import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal blocking protocol client for tests that need to see raw messages (tags, ordering). */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Startup as admin to postgres (auth none), returns the messages up to the first ReadyForQuery. */
    List<BackendMessage> startup() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", "admin");
        p.put("database", "postgres");
        send(new FrontendMessage.StartupMessage(FrontendMessage.PROTOCOL_3_0, p));
        return untilReady();
    }

    void send(FrontendMessage m) throws IOException {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        sendRaw(io.netty.buffer.ByteBufUtil.getBytes(b));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    BackendMessage read() throws IOException {
        byte type = in.readByte();
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return BackendMessage.decode(type, Unpooled.wrappedBuffer(body));
    }

    List<BackendMessage> untilReady() throws IOException {
        List<BackendMessage> got = new ArrayList<>();
        while (true) {
            BackendMessage m = read();
            got.add(m);
            if (m instanceof BackendMessage.ReadyForQuery) return got;
        }
    }

    List<BackendMessage> query(String sql) throws IOException {
        send(new FrontendMessage.Query(sql));
        return untilReady();
    }

    /** True when the server closed the connection (after reading anything still pending). */
    boolean closedByServer() {
        try {
            while (true) read();
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    static List<String> tags(List<BackendMessage> ms) {
        List<String> out = new ArrayList<>();
        for (BackendMessage m : ms) {
            if (m instanceof BackendMessage.CommandComplete c) out.add(c.tag());
            if (m instanceof BackendMessage.ErrorResponse e) out.add("ERROR " + e.sqlstate() + " " + e.message());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
