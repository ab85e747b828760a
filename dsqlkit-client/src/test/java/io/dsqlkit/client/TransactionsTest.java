package io.dsqlkit.client;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionsTest {
    /** A connection that records the calls that shape a transaction (autocommit on, read-write, at first). */
    static final class Recorded {
        final List<String> events = new ArrayList<>();
        boolean autoCommit = true;
        boolean readOnly;
        final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getAutoCommit" -> autoCommit;
                    case "setAutoCommit" -> {
                        autoCommit = (Boolean) a[0];
                        events.add("autocommit=" + a[0]);
                        yield null;
                    }
                    case "isReadOnly" -> readOnly;
                    case "setReadOnly" -> {
                        readOnly = (Boolean) a[0];
                        events.add("readonly=" + a[0]);
                        yield null;
                    }
                    case "commit", "rollback" -> {
                        events.add(m.getName());
                        yield null;
                    }
                    case "isClosed" -> false;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> "recorded";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void aTransactionCommitsAndLeavesAutocommitAsItWas() throws Exception {
        Recorded r = new Recorded();
        int value = Transactions.inTransaction(r.connection, c -> {
            r.events.add("work");
            return 7;
        });
        assertThat(value).isEqualTo(7);
        assertThat(r.events).containsExactly("autocommit=false", "work", "commit", "autocommit=true");
    }

    @Test
    void aFailedTransactionRollsBackAndReportsTheFailure() {
        Recorded r = new Recorded();
        SQLException conflict = new SQLException("change conflicts with another transaction (OC000)", "40001");
        assertThatThrownBy(() -> Transactions.inTransaction(r.connection, c -> {
            throw conflict;
        })).isSameAs(conflict);
        assertThat(r.events).containsExactly("autocommit=false", "rollback", "autocommit=true");
    }

    @Test
    void aReadOnlyTransactionIsAlwaysRolledBackAndRestoresTheConnection() throws Exception {
        Recorded r = new Recorded();
        String value = Transactions.inReadOnly(r.connection, c -> {
            r.events.add("work");
            return "rows";
        });
        assertThat(value).isEqualTo("rows");
        assertThat(r.events).containsExactly("autocommit=false", "readonly=true", "work", "rollback", "autocommit=true", "readonly=false");
        assertThat(r.autoCommit).isTrue();
        assertThat(r.readOnly).isFalse();
    }

    @Test
    void aRolledBackTransactionNeverCommitsEvenWhenItsWorkSucceeds() throws Exception {
        Recorded r = new Recorded();
        Transactions.inRolledBack(r.connection, c -> r.events.add("work"));
        assertThat(r.events).containsExactly("autocommit=false", "work", "rollback", "autocommit=true");
    }

    @Test
    void beginOpensWithoutEnding() throws Exception {
        Recorded r = new Recorded();
        Transactions.begin(r.connection, true);
        assertThat(r.events).containsExactly("autocommit=false", "readonly=true");
    }
}
