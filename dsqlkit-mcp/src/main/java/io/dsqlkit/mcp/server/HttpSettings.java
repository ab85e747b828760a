package io.dsqlkit.mcp.server;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Limits of the streamable HTTP transport.
 *
 * @param maxSessions  open sessions at once; an {@code initialize} beyond that is refused (503)
 * @param sessionIdle  a session unused this long is closed (the client gets 404 and starts a new one)
 * @param allowedHosts extra names the {@code Host} header may carry (besides the bound address and, on
 *                     loopback, {@code localhost}); any other name is refused (DNS-rebinding defence)
 * @param maxRequestBytes the largest request body accepted
 */
public record HttpSettings(int maxSessions, Duration sessionIdle, List<String> allowedHosts, int maxRequestBytes) {
    public static final int DEFAULT_MAX_SESSIONS = 64;
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    public HttpSettings {
        if (maxSessions < 1) throw new IllegalArgumentException("the session cap must be >= 1, was " + maxSessions);
        if (sessionIdle == null || sessionIdle.toMillis() < 1000) throw new IllegalArgumentException("the session idle timeout must be >= 1 s");
        if (maxRequestBytes < 1024) throw new IllegalArgumentException("the request size limit must be >= 1024 bytes");
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_SESSIONS, DEFAULT_SESSION_IDLE, List.of(), DEFAULT_MAX_REQUEST_BYTES);
    }

    public HttpSettings withMaxSessions(int n) {
        return new HttpSettings(n, sessionIdle, allowedHosts, maxRequestBytes);
    }

    public HttpSettings withSessionIdle(Duration d) {
        return new HttpSettings(maxSessions, d, allowedHosts, maxRequestBytes);
    }
}
