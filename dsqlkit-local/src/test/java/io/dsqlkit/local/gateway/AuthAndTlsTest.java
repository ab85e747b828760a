package io.dsqlkit.local.gateway;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import io.dsqlkit.local.gateway.auth.LocalTokenGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dsql.DsqlUtilities;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * dsql-facts §5: IAM tokens from the AWS SDK's own DsqlUtilities are accepted unchanged; wrong ones
 * get DSQL's texts. TLS: SSLRequest and direct TLS, verify-full against the generated CA.
 * SQLSTATEs: 28P01 for "access denied" (the token does not verify), 28000 for a wrong action.
 */
class AuthAndTlsTest {
    static DsqlLocal local;
    static DsqlUtilities sdk;

    @BeforeAll
    static void start() {
        local = DsqlLocal.builder().auth(AuthMode.IAM).tls(true).hostName("abc.dsql.us-east-1.on.aws").start();
        LocalCredentials c = local.credentials();
        sdk = DsqlUtilities.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .build();
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
    }

    static String url(String extra) {
        return "jdbc:postgresql://localhost:" + local.port() + "/postgres?sslmode=verify-full&sslrootcert=" + local.caCertificate() + extra;
    }

    static Connection connect(String user, String token, String extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", token);
        return DriverManager.getConnection(url(extra), p);
    }

    static String adminToken(String host) {
        return sdk.generateDbConnectAdminAuthToken(b -> b.hostname(host).region(Region.US_EAST_1));
    }

    static void assertRefused(String user, String token, String sqlstate, String message, String hintPrefix) {
        assertThatThrownBy(() -> connect(user, token, "").close()).isInstanceOfSatisfying(PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(sqlstate);
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(message);
            if (hintPrefix != null) assertThat(e.getServerErrorMessage().getHint()).startsWith(hintPrefix);
            assertThat(e.getMessage()).doesNotContain("X-Amz-Signature");
        });
    }

    @Test
    void sdkGeneratedAdminTokenConnectsOverVerifiedTls() throws Exception {
        try (Connection c = connect("admin", adminToken("localhost"), ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("admin");
        }
    }

    @Test
    void directTlsNegotiationWorks() throws Exception {
        // PostgreSQL 17-style sslnegotiation=direct, the AWS connectors' default (§5)
        try (Connection c = connect("admin", adminToken("localhost"), "&sslNegotiation=direct"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void customRolesUseDbConnect() throws Exception {
        try (Connection c = connect("admin", adminToken("localhost"), ""); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS app_reader");
            s.execute("CREATE ROLE app_reader WITH LOGIN");
        }
        String token = sdk.generateDbConnectAuthToken(b -> b.hostname("localhost").region(Region.US_EAST_1));
        try (Connection c = connect("app_reader", token, ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("app_reader");
        }
        assertRefused("app_reader", adminToken("localhost"), "28000",
                "Wrong user to action mapping. user: app_reader, action: DbConnectAdmin", null);
    }

    @Test
    void wrongActionIsRefusedWithDsqlsText() {
        String token = sdk.generateDbConnectAuthToken(b -> b.hostname("localhost").region(Region.US_EAST_1));
        assertRefused("admin", token, "28000", "Wrong user to action mapping. user: admin, action: DbConnect", null);
    }

    @Test
    void tokenForAnotherHostIsRefused() {
        assertRefused("admin", adminToken("other.dsql.us-east-1.on.aws"), "28P01", "unable to accept connection, access denied", null);
    }

    @Test
    void tokenForAConfiguredAwsStyleHostNameIsAccepted() throws Exception {
        // The endpoint name would resolve to loopback in a real setup; the token names it, TLS verifies localhost.
        try (Connection c = connect("admin", adminToken("abc.dsql.us-east-1.on.aws"), "")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void expiredTokenIsRefusedWithSignatureExpiredHint() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String token = new LocalTokenGenerator(local.credentials(), past).token("localhost", "admin", Duration.ofMinutes(15));
        assertRefused("admin", token, "28P01", "unable to accept connection, access denied", "Signature expired: ");
    }

    @Test
    void tokenSignedWithOtherCredentialsIsRefused() {
        DsqlUtilities other = DsqlUtilities.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(local.credentials().accessKeyId(), "wrong-secret")))
                .build();
        String token = other.generateDbConnectAdminAuthToken(b -> b.hostname("localhost").region(Region.US_EAST_1));
        assertRefused("admin", token, "28P01", "unable to accept connection, access denied", null);
    }

    @Test
    void garbageAndTamperedTokensAreRefused() {
        assertRefused("admin", "not a token", "28P01", "unable to accept connection, access denied", null);
        String good = adminToken("localhost");
        String tampered = good.replace("X-Amz-Expires=900", "X-Amz-Expires=901");
        assertRefused("admin", tampered, "28P01", "unable to accept connection, access denied", null);
    }

    @Test
    void psqlConnectsWithAnSdkTokenOverVerifiedTls() throws Exception {
        Assumptions.assumeTrue(Psql.available(), "psql not installed");
        Psql.Result r = Psql.run(local, adminToken("localhost"), "sslmode=verify-full sslrootcert=" + local.caCertificate(),
                "-c", "SELECT current_user");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout().strip()).isEqualTo("admin"); // sslmode=verify-full: TLS and the certificate were verified
        Psql.Result bad = Psql.run(local, "garbage", "sslmode=verify-full sslrootcert=" + local.caCertificate(), "-c", "SELECT 1");
        assertThat(bad.stderr()).contains("unable to accept connection, access denied");
    }
}
