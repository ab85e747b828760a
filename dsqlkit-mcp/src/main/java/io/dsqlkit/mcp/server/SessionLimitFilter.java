package io.dsqlkit.mcp.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Caps open HTTP sessions and expires idle ones. Every session the MCP transport opens is tracked
 * with the time it was last used; a request naming a session idle for longer than the timeout gets
 * 404 (the MCP rule that makes a client start a new session), and {@code initialize} is refused
 * with 503 while the cap is reached. The SDK's own sweeper, run at the same interval, frees the
 * sessions this filter has expired.
 */
final class SessionLimitFilter implements Filter {
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final HttpSettings settings;
    private final LongSupplier clock;
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    SessionLimitFilter(HttpSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.clock = nanoClock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        long now = clock.getAsLong();
        expire(now);
        String id = req.getHeader(SESSION_HEADER);
        if (id != null && !id.isBlank()) {
            if (lastUsed.computeIfPresent(id, (k, v) -> now) == null) {
                JsonRpcErrors.write(req, res, 404, JsonRpcErrors.REFUSED, SafeErrorFilter.message(404, ""));
                return;
            }
            if ("DELETE".equals(req.getMethod())) lastUsed.remove(id);
        } else if ("POST".equals(req.getMethod()) && lastUsed.size() >= settings.maxSessions()) {
            res.setHeader("Retry-After", Long.toString(Math.max(1, settings.sessionIdle().toSeconds() / 4)));
            JsonRpcErrors.write(req, res, 503, JsonRpcErrors.REFUSED, "too many open sessions (" + settings.maxSessions()
                    + ", the server's cap): close clients you no longer use (DELETE ends a session) or wait for idle sessions "
                    + "to expire after " + settings.sessionIdle().toMinutes() + " min");
            return;
        }
        chain.doFilter(request, response);
        String opened = res.getHeader(SESSION_HEADER);
        if (id == null && opened != null && res.getStatus() < 400) lastUsed.put(opened, clock.getAsLong());
    }

    int openSessions() {
        return lastUsed.size();
    }

    private void expire(long now) {
        long idle = settings.sessionIdle().toNanos();
        lastUsed.entrySet().removeIf(e -> now - e.getValue() > idle);
    }
}
