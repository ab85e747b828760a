package io.dsqlkit.mcp.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Guards the streamable HTTP endpoint: the {@code Host} header must name the bound address
 * ({@link HostCheck}) and a browser's {@code Origin} must be a loopback origin (the MCP spec's
 * defences against DNS rebinding: a web page must not reach a local server), and a bearer token is
 * required on every request (compared in constant time).
 */
final class HttpAccessFilter implements Filter {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final byte[] token;
    private final HostCheck hosts;

    HttpAccessFilter(String token, HostCheck hosts) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.hosts = hosts;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        if (!hosts.allows(req.getHeader("Host"))) {
            deny(req, res, 403, "host not allowed: this server answers only to the address it is bound to "
                    + "(DNS-rebinding defence; an operator can allow a name with --http-allow-host)");
            return;
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !loopbackOrigin(origin)) {
            deny(req, res, 403, "origin not allowed: only loopback origins may call this server");
            return;
        }
        String auth = req.getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8), token)) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"dsqlkit\"");
            deny(req, res, 401, "missing or wrong bearer token (see the token printed on the server's stderr, or --http-token)");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean loopbackOrigin(String origin) {
        try {
            URI u = URI.create(origin);
            String host = u.getHost();
            return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT))
                    && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void deny(HttpServletRequest req, HttpServletResponse res, int status, String message) throws IOException {
        JsonRpcErrors.write(req, res, status, JsonRpcErrors.REFUSED, message);
    }
}
