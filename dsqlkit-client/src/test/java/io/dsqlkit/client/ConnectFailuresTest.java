package io.dsqlkit.client;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed connection reached, in words, with the SQLSTATE kept. */
class ConnectFailuresTest {
    @Test
    void aRejectedPasswordExplainsIamTokensAndDsqlkitToken() {
        SQLException e = ConnectFailures.explain(new SQLException("FATAL: password authentication failed for user \"admin\"", "28P01"),
                "abc.dsql.us-east-1.on.aws", 5432, "admin");
        assertThat(e.getSQLState()).isEqualTo("28P01");
        assertThat(e.getMessage()).startsWith("FATAL: password authentication failed for user \"admin\" (connecting to abc.dsql.us-east-1.on.aws:5432 as admin)")
                .contains("IAM auth token as the password").contains("dsqlkit token --cluster");
    }

    @Test
    void refusedAndUnknownHostsSayNothingWasReached() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:1 refused.", "08001", new ConnectException("Connection refused"));
        assertThat(ConnectFailures.explain(refused, "127.0.0.1", 1, "admin").getMessage())
                .startsWith("cannot connect to 127.0.0.1:1: nothing accepts connections there");
        SQLException unknown = new SQLException("The connection attempt failed.", "08001", new UnknownHostException("nohost.invalid"));
        assertThat(ConnectFailures.explain(unknown, "nohost.invalid", 5432, "admin").getMessage()).contains("unknown host");
    }

    @Test
    void otherErrorsAreLeftAsTheyAre() {
        SQLException other = new SQLException("relation \"x\" does not exist", "42P01");
        assertThat((Object) ConnectFailures.explain(other, "h", 5432, "u")).isSameAs(other);
    }
}
