package io.dsqlkit.mcp.server;

import io.dsqlkit.mcp.tools.ToolResults;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
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

    static void write(HttpServletResponse res, int status, int code, String message) throws IOException {
        byte[] body = body(code, message).getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setContentType("application/json");
        res.setCharacterEncoding("UTF-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
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
