package io.dsqlkit.local.gateway.auth;

/**
 * The AWS credentials the local DSQL accepts tokens from. The defaults are fixed and public on
 * purpose (like DynamoDB Local's): they protect nothing but let unchanged AWS tooling sign tokens.
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey, String region) {
    public static final LocalCredentials DEFAULT =
            new LocalCredentials("AKIADSQLKITLOCAL0001", "dsqlkit/local/secret/not/a/real/aws/key", "us-east-1");

    public LocalCredentials {
        if (accessKeyId == null || accessKeyId.isBlank()) throw new IllegalArgumentException("access key id must not be blank");
        if (secretAccessKey == null || secretAccessKey.isBlank()) throw new IllegalArgumentException("secret access key must not be blank");
        if (region == null || region.isBlank()) region = "us-east-1";
    }

    @Override
    public String toString() {
        return "LocalCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, region=" + region + "]";
    }
}
