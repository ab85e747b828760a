package io.dsqlkit.client;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dsql.DsqlUtilities;

import java.time.Duration;
import java.util.Objects;

/**
 * IAM auth tokens for Aurora DSQL from the AWS SDK v2 {@code DsqlUtilities} (dsql-facts §5): the
 * {@code DbConnectAdmin} action for the built-in {@code admin} role, {@code DbConnect} for any other
 * role. A token is a SigV4 pre-signed URL computed locally (no network call), so a fresh one is made
 * for every new connection; nothing is cached, so nothing can be used past its expiry.
 */
public final class IamTokenProvider implements TokenProvider {
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    private final DsqlUtilities utilities;
    private final String hostname;
    private final Region region;
    private final boolean admin;
    private final Duration lifetime;
    private final String credentialsSource;

    public IamTokenProvider(String hostname, String region, String user, AwsCredentialsProvider credentials,
                            Duration lifetime) {
        this(hostname, region, user, credentials, lifetime, "the configured AWS credentials provider");
    }

    /** @param credentialsSource where the credentials come from, for the message when there are none */
    public IamTokenProvider(String hostname, String region, String user, AwsCredentialsProvider credentials,
                            Duration lifetime, String credentialsSource) {
        this.credentialsSource = credentialsSource;
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.region = Region.of(Objects.requireNonNull(region, "region"));
        this.admin = user == null || user.equals("admin");
        this.lifetime = lifetime == null ? DEFAULT_LIFETIME : lifetime;
        this.utilities = DsqlUtilities.builder().region(this.region).credentialsProvider(credentials).build();
    }

    /** Credentials from the named profile, else the default chain (env, profile, SSO, container, instance). */
    public static AwsCredentialsProvider credentials(String profile) {
        if (profile != null && !profile.isBlank()) return ProfileCredentialsProvider.builder().profileName(profile).build();
        return DefaultCredentialsProvider.builder().build();
    }

    /** @throws AwsCredentialsException when there are no credentials to sign with */
    @Override
    public String token() {
        try {
            if (admin) {
                return utilities.generateDbConnectAdminAuthToken(b -> b.hostname(hostname).region(region).expiresIn(lifetime));
            }
            return utilities.generateDbConnectAuthToken(b -> b.hostname(hostname).region(region).expiresIn(lifetime));
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw AwsCredentialsException.missing(credentialsSource, e);
        }
    }

    /** The IAM action this provider signs for: DbConnectAdmin for admin, DbConnect otherwise. */
    public String action() {
        return admin ? "DbConnectAdmin" : "DbConnect";
    }

    public Duration lifetime() {
        return lifetime;
    }

    @Override
    public String toString() {
        return "IamTokenProvider[" + hostname + ", " + region + ", action=" + (admin ? "DbConnectAdmin" : "DbConnect") + "]";
    }
}
