package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.tools.ToolResults;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The only error bodies the HTTP transport sends: a JSON-RPC error object with a code and a short
 * message written for the client, never an exception, a stack trace or a server path.
 */
final class JsonRpcErrors {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INTERNAL_ERROR = -32603;
    /** Server-defined range (-32000 to -32099): refused by the transport (access, limits, sessions). */
    static final int REFUSED = -32000;

    private JsonRpcErrors() {}

    /** The most of an unread request body read (and dropped) before a refusal is sent. */
    static final int DRAIN_LIMIT = 1024 * 1024;

    /**
     * Writes the error and closes the connection after it. A refusal is usually sent before the
     * request body was read. Two failures follow from that unless handled: Jetty drops the connection
     * once the response is out, and a keep-alive client sends its next request on the dead socket and
     * reads no bytes; or the socket is closed with body bytes still unread, the kernel answers with a
     * reset, and the client loses the response it was sent. So the unread body is read and dropped
     * first (up to {@link #DRAIN_LIMIT}), and the response says {@code Connection: close}.
     */
    static void write(HttpServletRequest req, HttpServletResponse res, int status, int code, String message) throws IOException {
        drain(req);
        byte[] body = body(code, message).getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setHeader("Connection", "close");
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    private static void drain(HttpServletRequest req) {
        try {
            InputStream in = req.getInputStream();
            byte[] buf = new byte[16 * 1024];
            long read = 0;
            for (int n; read < DRAIN_LIMIT && (n = in.read(buf)) > 0; ) read += n;
        } catch (IllegalStateException | IOException e) {
            // the body was already read as text, or the client went away: nothing left to drain
        }
    }

    static String body(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jsonrpc", "2.0");
        m.put("id", null);
        m.put("error", error);
        return ToolResults.json(m);
    }
}
