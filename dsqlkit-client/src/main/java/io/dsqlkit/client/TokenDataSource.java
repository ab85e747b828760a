package io.dsqlkit.client;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A pgjdbc DataSource that asks its {@link TokenProvider} for the password of every new physical
 * connection, so a pool never reuses a token: HikariCP calls {@link #getConnection()} each time it
 * opens a connection.
 */
public final class TokenDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;
    private final transient TokenProvider tokens;

    public TokenDataSource(TokenProvider tokens) {
        this.tokens = tokens;
    }

    /** A failed attempt says what it reached and how to fix it ({@link ConnectFailures}), keeping the SQLSTATE. */
    @Override
    public Connection getConnection() throws SQLException {
        String password = tokens.token();
        try {
            return getConnection(getUser(), password);
        } catch (SQLException e) {
            String[] hosts = getServerNames();
            int[] ports = getPortNumbers();
            throw ConnectFailures.explain(e, hosts.length == 0 ? "localhost" : hosts[0],
                    ports.length == 0 || ports[0] == 0 ? 5432 : ports[0], getUser());
        }
    }
}
