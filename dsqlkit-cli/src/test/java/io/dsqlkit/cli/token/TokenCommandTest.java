package io.dsqlkit.cli.token;

import io.dsqlkit.cli.lint.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dsqlkit token} for psql users: a signed token on stdout, and nothing secret anywhere else. */
class TokenCommandTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private Cli withProfileFile(String content, String... args) throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), content);
        String[] keys = {"aws.sharedCredentialsFile", "aws.configFile"};
        String[] before = {System.getProperty(keys[0]), System.getProperty(keys[1])};
        System.setProperty(keys[0], credentials.toString());
        System.setProperty(keys[1], credentials.toString() + ".config");
        try {
            return Cli.run(args);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) System.clearProperty(keys[i]);
                else System.setProperty(keys[i], before[i]);
            }
        }
    }

    @Test
    void printsAnAdminTokenForTheClusterEndpoint() throws Exception {
        Cli r = withProfileFile("[dev]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n",
                "token", "--cluster", "abc123def", "--region", "us-east-1", "--aws-profile", "dev", "--token-lifetime", "600");
        assertThat(r.exit()).as(r.err()).isZero();
        String token = r.out().strip();
        assertThat(token).startsWith("abc123def.dsql.us-east-1.on.aws/?Action=DbConnectAdmin&")
                .contains("X-Amz-Credential=" + KEY).contains("X-Amz-Expires=600").doesNotContain(SECRET);
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCustomRoleGetsADbConnectTokenForAnEndpoint() throws Exception {
        Cli r = withProfileFile("[dev]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n",
                "token", "--endpoint", "xyz789.dsql.eu-west-1.on.aws", "--user", "app_reader", "--aws-profile", "dev");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("xyz789.dsql.eu-west-1.on.aws/?Action=DbConnect&");
    }

    @Test
    void withoutCredentialsItSaysWhatWasTriedAndHowToFixIt() throws Exception {
        Cli r = withProfileFile("", "token", "--cluster", "abc123def", "--region", "us-east-1", "--aws-profile", "missing");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no AWS credentials").contains("profile 'missing'").contains("aws configure")
                .doesNotContain("AwsCredentialsProviderChain");
    }

    @Test
    void withoutAClusterItIsAUsageError() {
        Cli r = Cli.run("token", "--url", "postgresql://admin:pw@127.0.0.1:5432/postgres");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("a token is for Aurora DSQL");
    }
}
