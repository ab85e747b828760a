package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.ScriptSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's cancel keys, and the statements after which a pooled backend is not reused. */
class CancelKeysTest {

    @Test
    void aKeyCancelsOnlyWhileItsSessionIsOpenAndOnlyWithItsOwnSecret() {
        CancelKeys keys = new CancelKeys();
        CancelKeys.Key k = keys.issue(42, 4242);
        assertThat(keys.backendSecret(42, k.clientSecret)).isEqualTo(4242);
        assertThat(keys.backendSecret(42, 4242)).as("the backend's own secret is not a client's key").isNull();
        assertThat(keys.backendSecret(41, k.clientSecret)).isNull();
        assertThat(keys.end(k)).as("a cancel was forwarded with it").isTrue();
        assertThat(keys.backendSecret(42, k.clientSecret)).as("after its session ended").isNull();
    }

    @Test
    void theNextSessionOnTheSameBackendGetsAnotherKeyAndTheOldOneNoLongerWorks() {
        CancelKeys keys = new CancelKeys();
        CancelKeys.Key first = keys.issue(42, 4242);
        assertThat(keys.end(first)).as("no cancel was forwarded with it").isFalse();
        CancelKeys.Key next = keys.issue(42, 4242);
        assertThat(next.clientSecret).isNotEqualTo(first.clientSecret);
        assertThat(keys.backendSecret(42, first.clientSecret)).isNull();
        assertThat(keys.backendSecret(42, next.clientSecret)).isEqualTo(4242);
        assertThat(keys.end(first)).as("ending a stale key leaves the live one").isFalse();
        assertThat(keys.backendSecret(42, next.clientSecret)).isEqualTo(4242);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "ALTER ROLE app SET search_path = public                 | true",
            "ALTER USER \"admin\" SET search_path = \"public\"        | true",
            "ALTER ROLE app IN DATABASE postgres RESET ALL           | true",
            "ALTER ROLE app WITH NOLOGIN                             | true",
            "ALTER DATABASE postgres SET work_mem = '64MB'           | true",
            "DROP ROLE app                                           | true",
            "DROP USER IF EXISTS app                                 | true",
            "REVOKE CONNECT ON DATABASE postgres FROM app            | true",
            "GRANT SELECT ON t TO app                                | true",
            "AWS IAM GRANT app TO 'arn:aws:iam::123456789012:role/r' | true",
            "CREATE ROLE app WITH LOGIN                              | false",
            "ALTER TABLE t ADD COLUMN c int                          | false",
            "SET ROLE app                                            | false",
            "SELECT 1                                                | false",
    })
    void statementsThatChangeHowNewSessionsStart(String sql, boolean changes) {
        Statement st = ScriptSplitter.split(sql).get(0);
        assertThat(BackendPool.changesNewSessions(st.kind())).as(st.kind()).isEqualTo(changes);
    }
}
