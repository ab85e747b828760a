package io.dsqlkit.local.gateway;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.behaviour.Interception;
import io.dsqlkit.local.behaviour.SessionView;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;

import java.util.Map;
import java.util.Optional;

/**
 * A behaviour that adds nothing: the gateway's own rules (linter, shape, limits) still apply. Open for extension by a
 * behaviour that changes a hook or two (tests record what they were asked).
 */
public class PassThroughBehaviour implements DsqlBehaviour {
    @Override
    public void install(BackendConnector backend) {}

    @Override
    public Map<String, String> backendSessionSettings() {
        return Map.of();
    }

    @Override
    public boolean interceptsPlainReads() {
        return false;
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
    public void afterCommit(SessionView session) {}

    @Override
    public void afterRollback(SessionView session) {}

    @Override
    public Optional<DsqlError> translateBackendError(SessionView session, String sqlstate, String message) {
        return Optional.empty();
    }

    @Override
    public void sessionClosed(SessionView session) {}
}
