package io.dsqlkit.mcp.db;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session check that fails in passing (a dropped connection, DSQL's OC001) drops only that connection; one that
 * fails because the endpoint lacks what it reads switches the check off for that endpoint, so that reads there do
 * not each drop their connection. The first check of an endpoint also asks whether advisory locks are possible there;
 * should that fail, the next read runs the plain check, and only its failure switches checking off.
 */
class SessionCheckFailureTest {
    /** A connection whose check fails with {@code sqlstate} (null: the check is not expected); records what was sent. */
    private static Connection connection(String sqlstate, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(SessionCheckFailureTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "prepareStatement" -> {
                        sent.add("check");
                        throw new SQLException("check failed", sqlstate);
                    }
                    case "createStatement" -> Proxy.newProxyInstance(SessionCheckFailureTest.class.getClassLoader(),
                            new Class<?>[] {Statement.class}, (p2, m2, a2) -> {
                                if (m2.getName().equals("execute")) sent.add((String) a2[0]);
                                return m2.getReturnType() == boolean.class ? false : null;
                            });
                    default -> null;
                });
    }

    @Test
    void aPassingFailureDropsTheConnectionButKeepsChecking() throws Exception {
        Database db = Database.of(null, "fake endpoint");
        for (String transientState : new String[] {"40001", "08006", "57014", null}) {
            List<String> sent = new ArrayList<>();
            assertThat(SessionHygiene.rollback(connection(transientState, sent), db, true)).as(transientState).isFalse();
            assertThat(sent).containsExactly("check");
        }
        // the first check also asks whether advisory locks are possible: its failure only drops the question
        assertThat(SessionHygiene.rollback(connection("42P01", new ArrayList<>()), db, true)).as("the question failed").isFalse();
        assertThat(SessionHygiene.checksSessions(db)).isTrue();
        assertThat(SessionHygiene.checksAdvisoryLocks(db)).isTrue();
        List<String> sent = new ArrayList<>();
        assertThat(SessionHygiene.rollback(connection("42P01", sent), db, true)).as("the view is missing").isFalse();
        assertThat(sent).containsExactly("check");
        List<String> after = new ArrayList<>();
        assertThat(SessionHygiene.rollback(connection(null, after), db, true)).as("no check on that endpoint any more").isTrue();
        assertThat(after).containsExactly("ROLLBACK");
    }

    @Test
    void dsqlsUnsupportedFunctionSwitchesTheCheckOffForThatEndpointOnly() throws Exception {
        Database dsql = Database.of(null, "DSQL");
        Database other = Database.of(null, "other");
        assertThat(SessionHygiene.rollback(connection("0A000", new ArrayList<>()), dsql, true)).as("the first check's question").isFalse();
        assertThat(SessionHygiene.rollback(connection("0A000", new ArrayList<>()), dsql, true)).as("the plain check").isFalse();
        List<String> sent = new ArrayList<>();
        assertThat(SessionHygiene.rollback(connection(null, sent), dsql, true)).isTrue();
        assertThat(sent).containsExactly("ROLLBACK");
        List<String> elsewhere = new ArrayList<>();
        SessionHygiene.rollback(connection("40001", elsewhere), other, true);
        assertThat(elsewhere).as("another endpoint is still checked").containsExactly("check");
    }
}
