package io.dsqlkit.mcp.db;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connecting ahead of the first tool call: the pool is made and a connection taken; a failure waits for the first call. */
class DatabaseWarmUpTest {

    /** A data source whose connections always fail to open, counting the attempts. */
    private static final class Refusing implements DataSource {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            throw new SQLException("connection refused", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) { }

        @Override
        public void setLoginTimeout(int seconds) { }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void warmingUpMakesThePoolAndConnectsTheReaderToo() {
        Refusing main = new Refusing();
        Refusing reads = new Refusing();
        AtomicInteger made = new AtomicInteger();
        Database db = new Database(() -> {
            made.incrementAndGet();
            return main;
        }, "main").withReader(Database.of(reads, "reads"));
        db.warmUp();
        assertThat(made).hasValue(1);
        assertThat(main.attempts).hasValue(1);
        assertThat(reads.attempts).hasValue(1);
    }

    @Test
    void aFailureIsLeftForTheFirstCallToReport() throws SQLException {
        AtomicInteger made = new AtomicInteger();
        Database db = new Database(() -> {
            if (made.incrementAndGet() == 1) throw new IllegalStateException("cannot start the local DSQL");
            return new Refusing();
        }, "main");
        db.warmUp(); // no exception
        assertThatThrownBy(db::connection).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("08001"));
        assertThat(made).as("the first call tries again").hasValue(2);
    }
}
