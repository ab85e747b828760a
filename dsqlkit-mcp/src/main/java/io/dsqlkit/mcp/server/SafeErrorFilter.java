package io.dsqlkit.mcp.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Replaces every error the MCP SDK's servlet would send (its bodies serialize the Java exception,
 * stack trace included; its {@code sendError} pages are Jetty's) with a JSON-RPC error written for
 * the client: parse error for a body that is not JSON-RPC, "unknown or expired session" for a
 * session the server no longer has, a generic internal error otherwise. What the SDK said is
 * logged at debug level, never sent.
 */
final class SafeErrorFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(SafeErrorFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletResponse res = (HttpServletResponse) response;
        ErrorCapture capture = new ErrorCapture(res);
        chain.doFilter(request, capture);
        if (capture.errorStatus != 0) {
            String original = capture.captured();
            log.debug("HTTP {} from the MCP transport, replaced by a JSON-RPC error: {}", capture.errorStatus,
                    original.length() > 500 ? original.substring(0, 500) + "..." : original);
            int status = capture.errorStatus;
            JsonRpcErrors.write((HttpServletRequest) request, res, status, code(status, original), message(status, original));
        }
    }

    static int code(int status, String original) {
        if (original.contains("Invalid message format")) return JsonRpcErrors.PARSE_ERROR;
        if (status >= 500) return JsonRpcErrors.INTERNAL_ERROR;
        if (status == 404 || status == 413 || status == 415 || status == 503) return JsonRpcErrors.REFUSED;
        return JsonRpcErrors.INVALID_REQUEST;
    }

    /** A message chosen from what went wrong, never the SDK's text that embeds exception messages. */
    static String message(int status, String original) {
        if (original.contains("Invalid message format")) return "Parse error: the request body is not one valid JSON-RPC message";
        for (String known : new String[] {"text/event-stream required in Accept header", "application/json required in Accept header",
                "Session ID required in mcp-session-id header", "Content-Type must be application/json", "Server is shutting down"}) {
            if (original.contains(known)) return known;
        }
        return switch (status) {
            case 400 -> "Bad request: not a JSON-RPC message this endpoint accepts";
            case 404 -> "Unknown or expired session: send initialize (without an mcp-session-id header) to start a new one";
            case 405 -> "Method not allowed on this endpoint (use POST for messages, GET for the event stream, DELETE to end a session)";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type: Content-Type must be application/json";
            case 503 -> "Server is shutting down";
            default -> status >= 500 ? "Internal error while handling the message (the server log has the details)" : "Request refused";
        };
    }

    /** Lets successful responses through untouched; buffers the body of an error response so it can be replaced. */
    private static final class ErrorCapture extends HttpServletResponseWrapper {
        private int errorStatus;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private PrintWriter writer;
        private ServletOutputStream stream;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            if (sc >= 400) errorStatus = sc;
            else super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) {
            errorStatus = sc;
            if (msg != null) buffer.writeBytes(msg.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void sendError(int sc) {
            errorStatus = sc;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (errorStatus == 0) return super.getWriter();
            if (writer == null) writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (errorStatus == 0) return super.getOutputStream();
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener l) {
                        // writes are synchronous into the buffer
                    }

                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }
                };
            }
            return stream;
        }

        String captured() {
            if (writer != null) writer.flush();
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
