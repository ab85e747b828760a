package io.dsqlkit.local.catalog;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.behaviour.Interception;
import io.dsqlkit.local.behaviour.SessionView;
import io.dsqlkit.local.pg.PostgresServer;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a {@link DsqlBehaviour} the way the gateway does (hooks at transaction start, before and
 * after COMMIT, error translation) over one real PostgreSQL session, for testing the behaviours
 * without the wire protocol. Errors come back as SQLExceptions with DSQL's SQLSTATE and message.
 */
public final class BehaviourDriver implements SessionView, AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();

    private final DsqlBehaviour behaviour;
    private final Connection backend;
    private final long id = IDS.incrementAndGet();
    private final String role;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private boolean inBlock;
    private boolean hasDdl;
    private boolean aborted;

    public BehaviourDriver(DsqlBehaviour behaviour, PostgresServer pg, String role) throws SQLException {
        this(behaviour, pg::connect, role);
    }

    public BehaviourDriver(DsqlBehaviour behaviour, DsqlBehaviour.BackendConnector connector, String role)
            throws SQLException {
        this.behaviour = behaviour;
        this.role = role;
        this.backend = connector.connect();
        try (java.sql.Statement s = backend.createStatement()) {
            for (Map.Entry<String, String> e : behaviour.backendSessionSettings().entrySet()) {
                s.execute("SET " + e.getKey() + " = '" + e.getValue() + "'");
            }
        }
    }

    public BehaviourDriver(DsqlBehaviour behaviour, PostgresServer pg) throws SQLException {
        this(behaviour, pg, "admin");
    }

    public void begin() throws SQLException {
        fail(behaviour.onTransactionStart(this));
        plain("BEGIN");
        inBlock = true;
        hasDdl = false;
        aborted = false;
    }

    public void commit() throws SQLException {
        if (aborted) {
            rollback();
            return;
        }
        Optional<DsqlError> refusal = behaviour.beforeCommit(this);
        if (refusal.isPresent()) {
            rollback();
            fail(refusal);
        }
        try {
            plain("COMMIT");
        } catch (SQLException e) {
            endBlock();
            behaviour.afterRollback(this);
            throw translate(e);
        }
        behaviour.afterCommit(this);
        endBlock();
    }

    public void rollback() throws SQLException {
        plain("ROLLBACK");
        behaviour.afterRollback(this);
        endBlock();
    }

    /** Runs one statement; returns its rows as text (empty for commands). */
    public List<List<String>> exec(String sql) throws SQLException {
        if (!inBlock) fail(behaviour.onTransactionStart(this));
        Statement st = new Statement(sql, 0, List.of(), category(sql), "", true);
        Interception i = behaviour.intercept(this, st);
        try {
            List<List<String>> rows;
            if (i instanceof Interception.Fail f) {
                throw new SQLException(f.error().message(), f.error().sqlstate());
            } else if (i instanceof Interception.LocalResult lr) {
                hasDdl |= lr.isDdl();
                rows = lr.rows();
            } else {
                String text = i instanceof Interception.Rewrite r ? r.sql() : sql;
                hasDdl |= st.category() == StatementCategory.DDL;
                rows = run(text);
            }
            if (!inBlock) {
                behaviour.afterCommit(this);
                hasDdl = false;
            }
            return rows;
        } catch (SQLException e) {
            if (inBlock) aborted = true;
            else {
                behaviour.afterRollback(this);
                hasDdl = false;
            }
            throw translate(e);
        }
    }

    /** The first column of the first row. */
    public String value(String sql) throws SQLException {
        List<List<String>> rows = exec(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    private List<List<String>> run(String sql) throws SQLException {
        try (java.sql.Statement s = backend.createStatement()) {
            List<List<String>> rows = new ArrayList<>();
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int k = 1; k <= n; k++) row.add(rs.getString(k));
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }

    private void plain(String sql) throws SQLException {
        try (java.sql.Statement s = backend.createStatement()) {
            s.execute(sql);
        }
    }

    private SQLException translate(SQLException e) {
        String msg = e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMessage();
        return behaviour.translateBackendError(this, e.getSQLState(), msg)
                .map(d -> new SQLException(d.message(), d.sqlstate(), e))
                .orElse(e);
    }

    private static void fail(Optional<DsqlError> e) throws SQLException {
        if (e.isPresent()) throw new SQLException(e.get().message(), e.get().sqlstate());
    }

    private void endBlock() {
        inBlock = false;
        hasDdl = false;
        aborted = false;
    }

    private static StatementCategory category(String sql) {
        String first = SqlWords.firstKeyword(sql).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "COMMENT" -> StatementCategory.DDL;
            case "INSERT", "UPDATE", "DELETE" -> StatementCategory.DML;
            case "CALL" -> StatementCategory.UTILITY;
            default -> StatementCategory.QUERY;
        };
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public boolean inTransactionBlock() {
        return inBlock;
    }

    @Override
    public boolean transactionHasDdl() {
        return hasDdl;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public void close() throws SQLException {
        behaviour.sessionClosed(this);
        backend.close();
    }
}
