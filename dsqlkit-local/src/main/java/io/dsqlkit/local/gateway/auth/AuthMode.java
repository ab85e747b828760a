package io.dsqlkit.local.gateway.auth;

/** How the gateway checks the password: as a DSQL IAM token, or not at all. */
public enum AuthMode {
    /** The password must be a SigV4 presigned DSQL token signed with the local credentials (dsql-facts §5). */
    IAM,
    /** Any password (or none) is accepted. */
    NONE;

    public static AuthMode parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "iam" -> IAM;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown auth mode '" + s + "'; expected iam or none");
        };
    }
}
