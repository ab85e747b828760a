package io.dsqlkit.client;

/**
 * No AWS credentials to sign an IAM auth token with. The message says which source was tried (a
 * profile, or the SDK's default chain) and how to fix it, instead of the SDK's list of every
 * provider in the chain.
 */
public final class AwsCredentialsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public AwsCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Where credentials were looked for, as a user would name it. */
    static String source(String profile, boolean fromEnv) {
        if (profile == null || profile.isBlank()) {
            return "the default credential chain (env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the 'default' profile in "
                    + "~/.aws/credentials and ~/.aws/config, SSO, container and instance roles)";
        }
        return "profile '" + profile + "' (" + (fromEnv ? "env AWS_PROFILE" : "--aws-profile") + ") in ~/.aws/credentials and ~/.aws/config";
    }

    static AwsCredentialsException missing(String source, Throwable sdkError) {
        String detail = sdkError.getMessage() == null || sdkError.getMessage().length() > 200 ? "" : " (" + sdkError.getMessage() + ")";
        return new AwsCredentialsException("no AWS credentials to sign the IAM auth token: tried " + source + detail
                + ". Fix: run 'aws configure' (or 'aws sso login --profile NAME') and pass --aws-profile NAME or set AWS_PROFILE, "
                + "or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; without AWS, use --local or --url", sdkError);
    }
}
