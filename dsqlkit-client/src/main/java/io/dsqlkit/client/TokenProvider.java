package io.dsqlkit.client;

/**
 * The password for one new physical connection. For AWS it is a fresh IAM token per call (never
 * cached past its expiry); for a static endpoint, the configured password.
 */
@FunctionalInterface
public interface TokenProvider {
    String token();

    static TokenProvider staticPassword(String password) {
        String p = password == null ? "" : password;
        return () -> p;
    }

    /** A secret shown the way HikariCP shows passwords: never, only its presence. */
    static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "<none>" : "<masked>";
    }
}
