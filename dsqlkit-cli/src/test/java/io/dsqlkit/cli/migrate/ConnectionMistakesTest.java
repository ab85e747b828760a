package io.dsqlkit.cli.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The connecting commands on plain mistakes: no target, a port that is not PostgreSQL, no AWS credentials. */
class ConnectionMistakesTest {
    @TempDir
    Path dir;

    private record Case(Supplier<Callable<Integer>> command, String[] args) {}

    private List<Case> everyConnectingCommand() throws Exception {
        Path loc = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(loc.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Path csv = Files.writeString(dir.resolve("rows.csv"), "id\n1\n");
        String l = loc.toString();
        List<Case> all = new ArrayList<>();
        for (String sub : List.of("plan", "apply", "status", "validate", "repair")) {
            all.add(new Case(MigrateCommand::new, new String[] {sub, "--location", l}));
        }
        all.add(new Case(MigrateCommand::new, new String[] {"recipe", "recreate-table", "--location", l, "--table", "t", "--set-not-null", "id"}));
        all.add(new Case(BatchCommand::new, new String[] {"--table", "t", "--delete"}));
        all.add(new Case(LoadCommand::new, new String[] {"--table", "t", csv.toString()}));
        all.add(new Case(IntegrityCommand::new, new String[] {}));
        all.add(new Case(IntegrityCommand::new, new String[] {"delete", "--table", "t", "--where", "id = 1"}));
        return all;
    }

    @Test
    void withoutAConnectionTargetEveryCommandPrintsTheUsageMessageAndExits2() throws Exception {
        for (Case c : everyConnectingCommand()) {
            CliRun r = CliRun.of(c.command().get(), c.args());
            assertThat(r.err()).as(String.join(" ", c.args())).doesNotContain("is not a command")
                    .contains("no database to connect to").contains("--local").contains("Usage:");
            assertThat(r.code()).as(String.join(" ", c.args())).isEqualTo(2);
        }
    }

    @Test
    void localStartsAnEmbeddedLocalDsqlForTheCommand() throws Exception {
        Path loc = Files.createDirectories(dir.resolve("local"));
        Files.writeString(loc.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\nINSERT INTO orders VALUES (1);\n");
        CliRun r = CliRun.of(new MigrateCommand(), "apply", "--local", "--location", loc.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Applied 1 migration(s), 2 statement(s)");
        assertThat(r.err()).contains("embedded local DSQL");
    }

    @Test
    void aPortThatDoesNotSpeakPostgresIsNamedInsteadOfHangingForever() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) held.add(silent.accept()); // accept and never answer, like a stuck non-PostgreSQL service
                } catch (Exception closed) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (Exception ignored) {
                            // closing
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            CliRun r = CliRun.of(new BatchCommand(), "--url", "postgresql://admin@127.0.0.1:" + silent.getLocalPort() + "/postgres",
                    "--table", "t", "--delete", "--dry-run");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("127.0.0.1:" + silent.getLocalPort() + " accepted the TCP connection but did not complete a PostgreSQL start-up");
        }
    }

    @Test
    void aClosedPortSaysNothingListensThere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of(new BatchCommand(), "--url", "postgresql://admin@127.0.0.1:" + port + "/postgres", "--table", "t", "--delete");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot connect to 127.0.0.1:" + port + ": nothing accepts connections there");
    }

    @Test
    void missingAwsCredentialsNameTheProfileTriedAndTheFix() throws Exception {
        Path empty = Files.writeString(dir.resolve("credentials"), "");
        String[] keys = {"aws.sharedCredentialsFile", "aws.configFile"};
        String[] before = {System.getProperty(keys[0]), System.getProperty(keys[1])};
        System.setProperty(keys[0], empty.toString());
        System.setProperty(keys[1], empty.toString());
        try {
            CliRun r = CliRun.of(new BatchCommand(), "--cluster", "abc123", "--region", "us-east-1", "--aws-profile", "nosuch",
                    "--table", "t", "--delete");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("no AWS credentials").contains("profile 'nosuch' (--aws-profile)")
                    .contains("aws configure").doesNotContain("AwsCredentialsProviderChain").doesNotContain("\tat ");
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) System.clearProperty(keys[i]);
                else System.setProperty(keys[i], before[i]);
            }
        }
    }
}
