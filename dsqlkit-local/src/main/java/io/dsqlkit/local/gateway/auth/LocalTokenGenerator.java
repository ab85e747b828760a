package io.dsqlkit.local.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates DSQL auth tokens signed with the local credentials, in the same form as the AWS SDKs'
 * {@code DsqlUtilities} (so {@link io.dsqlkit.local.DsqlLocal#password()} works without the SDK).
 */
public final class LocalTokenGenerator {
    private final LocalCredentials credentials;
    private final Clock clock;

    public LocalTokenGenerator(LocalCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    public String token(String host, String user, Duration expiresIn) {
        Instant now = clock.instant();
        String amzDate = IamTokenVerifier.AMZ_DATE.format(now);
        String scope = amzDate.substring(0, 8) + "/" + credentials.region() + "/dsql/aws4_request";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "admin".equals(user) ? "DbConnectAdmin" : "DbConnect");
        p.put("X-Amz-Algorithm", SigV4.ALGORITHM);
        p.put("X-Amz-Credential", credentials.accessKeyId() + "/" + scope);
        p.put("X-Amz-Date", amzDate);
        p.put("X-Amz-Expires", Long.toString(expiresIn.toSeconds()));
        p.put("X-Amz-SignedHeaders", "host");
        String query = SigV4.canonicalQuery(p);
        String sig = SigV4.signature(credentials.secretAccessKey(), amzDate, scope,
                SigV4.canonicalRequest(host, query, SigV4.EMPTY_SHA256));
        return host + "/?" + query + "&X-Amz-Signature=" + sig;
    }
}
