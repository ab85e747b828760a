package io.dsqlkit.samples;

import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.local.gateway.auth.AuthMode;
import io.dsqlkit.local.gateway.auth.LocalCredentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dsql.DsqlUtilities;

/**
 * One local DSQL per test JVM, started the way a real cluster is met: IAM authentication (tokens from the AWS SDK's
 * own {@link DsqlUtilities}, signed with the local credentials), TLS with a certificate for the cluster's endpoint
 * name, which resolves to loopback through the hosts file the surefire configuration gives this JVM
 * ({@code -Djdk.net.hosts.file}). The samples connect to {@link #ENDPOINT} exactly as they would to AWS.
 */
final class SampleCluster {
    static final String CLUSTER_ID = "samplesxxxxxxxxxxxxxxxxxxx";
    static final String REGION = "us-east-1";
    static final String ENDPOINT = CLUSTER_ID + ".dsql." + REGION + ".on.aws";

    private static DsqlLocal local;

    private SampleCluster() {}

    static synchronized DsqlLocal local() {
        if (local == null) {
            local = DsqlLocal.builder().auth(AuthMode.IAM).tls(true).hostName(ENDPOINT).ephemeral().start();
            DsqlLocal started = local;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return local;
    }

    static int port() {
        return local().port();
    }

    /** The JDBC URL the AWS samples use: verify-full TLS, direct negotiation. */
    static String jdbcUrl() {
        return "jdbc:postgresql://" + ENDPOINT + ":" + port() + "/postgres?sslmode=verify-full&sslrootcert="
                + local().caCertificate() + "&sslNegotiation=direct";
    }

    /** What AWS's samples do for every new connection: a fresh admin token from the SDK. */
    static String adminToken() {
        LocalCredentials c = local().credentials();
        DsqlUtilities utilities = DsqlUtilities.builder().region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .build();
        return utilities.generateDbConnectAdminAuthToken(b -> b.hostname(ENDPOINT).region(Region.of(REGION)));
    }
}
