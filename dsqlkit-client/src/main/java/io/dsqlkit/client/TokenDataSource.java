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

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(getUser(), tokens.token());
    }
}
