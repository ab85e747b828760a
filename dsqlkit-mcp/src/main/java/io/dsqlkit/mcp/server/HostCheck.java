package io.dsqlkit.mcp.server;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the {@code Host} header against the address the server is bound to: the defence
 * against DNS rebinding, where a web page's own host name is made to resolve to this machine.
 * Accepted: the bound address itself, the name it was given as, {@code localhost} and the loopback
 * literals when bound to loopback, any IP literal when bound to every interface, and names the
 * operator allowed explicitly. Never resolves a name (no DNS lookups on attacker input).
 */
final class HostCheck {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    private final Set<String> allowed = new HashSet<>();
    private final boolean anyIpLiteral;

    HostCheck(String boundName, String boundAddress, boolean loopback, boolean wildcard, List<String> extra) {
        allowed.add(normalize(boundName));
        allowed.add(normalize(boundAddress));
        if (loopback) allowed.addAll(LOOPBACK);
        if (wildcard) allowed.add("localhost");
        allowed.addAll(extra);
        this.anyIpLiteral = wildcard;
    }

    /** True when a request with this {@code Host} header may be served. */
    boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return false;
        String host = hostOf(hostHeader.trim());
        if (host == null) return false;
        if (allowed.contains(host)) return true;
        return anyIpLiteral && (IPV4.matcher(host).matches() || host.contains(":"));
    }

    /** The host part of a Host header value, lower case, without port or IPv6 brackets; null if malformed. */
    static String hostOf(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) return null;
            String rest = v.substring(end + 1);
            if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) return null;
            return v.substring(1, end);
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            if (!v.substring(colon).matches(":\\d{1,5}")) return null;
            v = v.substring(0, colon);
        }
        if (v.endsWith(".")) v = v.substring(0, v.length() - 1); // "localhost." is localhost
        return v.isEmpty() ? null : v;
    }

    private static String normalize(String h) {
        String s = h.toLowerCase(Locale.ROOT);
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }
}
