package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour.BackendConnector;
import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.behaviour.Interception;
import io.dsqlkit.local.behaviour.SessionView;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A behaviour that passes everything and records the statements it was asked to intercept. */
final class RecordingBehaviour implements DsqlBehaviour {
    private final boolean interceptsPlainReads;
    final List<String> intercepted = new ArrayList<>();
    /** What the next transaction starts answer (empty: allowed). */
    Optional<DsqlError> transactionStart = Optional.empty();

    RecordingBehaviour(boolean interceptsPlainReads) {
        this.interceptsPlainReads = interceptsPlainReads;
    }

    @Override
    public void install(BackendConnector backend) {}

    @Override
    public Map<String, String> backendSessionSettings() {
        return Map.of();
    }

    @Override
    public boolean interceptsPlainReads() {
        return interceptsPlainReads;
    }

    @Override
    public Interception intercept(SessionView session, Statement statement) {
        intercepted.add(statement.text());
        return Interception.PASS;
    }

    @Override
    public Optional<DsqlError> onTransactionStart(SessionView session) {
        return transactionStart;
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
