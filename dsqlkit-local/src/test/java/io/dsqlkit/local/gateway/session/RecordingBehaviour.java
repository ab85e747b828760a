package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.Interception;
import io.dsqlkit.local.behaviour.SessionView;
import io.dsqlkit.local.gateway.PassThroughBehaviour;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.sql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A behaviour that passes everything and records the statements it was asked to intercept. */
final class RecordingBehaviour extends PassThroughBehaviour {
    private final boolean interceptsPlainReads;
    final List<String> intercepted = new ArrayList<>();
    /** What the next transaction starts answer (empty: allowed). */
    Optional<DsqlError> transactionStart = Optional.empty();

    RecordingBehaviour(boolean interceptsPlainReads) {
        this.interceptsPlainReads = interceptsPlainReads;
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
}
