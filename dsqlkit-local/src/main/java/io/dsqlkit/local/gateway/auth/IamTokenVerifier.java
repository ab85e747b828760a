package io.dsqlkit.local.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a DSQL IAM auth token (dsql-facts §5): a SigV4 presigned URL without scheme,
 * {@code <host>/?Action=DbConnect[Admin]&X-Amz-...}, signed for service {@code dsql} with the local
 * credentials. The signature is recomputed (GET, path /, sorted query without X-Amz-Signature,
 * signed header host), so tokens from the AWS SDKs' own generators verify unchanged.
 * Tokens are never logged or echoed.
 */
public final class IamTokenVerifier {
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private final LocalCredentials credentials;
    private final Set<String> hosts;
    private final Clock clock;

    public IamTokenVerifier(LocalCredentials credentials, Set<String> hosts, Clock clock) {
        this.credentials = credentials;
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Empty when {@code token} lets {@code user} connect; otherwise DSQL's refusal. */
    public Optional<AuthFailure> verify(String user, String token) {
        if (token == null) return Optional.of(AuthFailure.accessDenied(null));
        int q = token.indexOf("/?");
        if (q <= 0) return Optional.of(AuthFailure.accessDenied(null));
        String host = token.substring(0, q);
        Map<String, String> params = parseQuery(token.substring(q + 2));
        if (params == null) return Optional.of(AuthFailure.accessDenied(null));
        String action = params.get("Action");
        String signature = params.get("X-Amz-Signature");
        String amzDate = params.get("X-Amz-Date");
        String credential = params.get("X-Amz-Credential");
        String expires = params.get("X-Amz-Expires");
        if (action == null || signature == null || amzDate == null || credential == null || expires == null
                || !SigV4.ALGORITHM.equals(params.get("X-Amz-Algorithm"))
                || !"host".equals(params.get("X-Amz-SignedHeaders"))) {
            return Optional.of(AuthFailure.accessDenied(null));
        }
        if (!hosts.contains(host.toLowerCase(Locale.ROOT))) return Optional.of(AuthFailure.accessDenied(null));
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[0].equals(credentials.accessKeyId()) || !"dsql".equals(scope[3])
                || !"aws4_request".equals(scope[4]) || !amzDate.startsWith(scope[1]) || amzDate.length() != 16) {
            return Optional.of(AuthFailure.accessDenied(null));
        }
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("X-Amz-Signature");
        String query = SigV4.canonicalQuery(signed);
        String scopeString = credential.substring(credential.indexOf('/') + 1);
        boolean ok = false;
        for (String payload : new String[] {SigV4.EMPTY_SHA256, "UNSIGNED-PAYLOAD"}) {
            String expected = SigV4.signature(credentials.secretAccessKey(), amzDate, scopeString,
                    SigV4.canonicalRequest(host, query, payload));
            if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                ok = true;
                break;
            }
        }
        if (!ok) return Optional.of(AuthFailure.accessDenied(null));
        Instant signedAt;
        long expiresSeconds;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
            expiresSeconds = Long.parseLong(expires);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.of(AuthFailure.accessDenied(null));
        }
        if (expiresSeconds < 1 || expiresSeconds > MAX_EXPIRES_SECONDS) return Optional.of(AuthFailure.accessDenied(null));
        Instant now = clock.instant();
        Instant expiry = signedAt.plusSeconds(expiresSeconds);
        if (!now.isBefore(expiry)) {
            return Optional.of(AuthFailure.accessDenied("Signature expired: " + AMZ_DATE.format(expiry)
                    + " is now earlier than " + AMZ_DATE.format(now)));
        }
        if (signedAt.isAfter(now.plusSeconds(900))) return Optional.of(AuthFailure.accessDenied(null));
        String required = "admin".equals(user) ? "DbConnectAdmin" : "DbConnect";
        if (!required.equals(action)) return Optional.of(AuthFailure.wrongAction(user, action));
        return Optional.empty();
    }

    /** Percent-decodes a query string ({@code +} is literal in SigV4); null when malformed. */
    static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (k == null || v == null || out.put(k, v) != null) return null;
        }
        return out;
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7F) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
