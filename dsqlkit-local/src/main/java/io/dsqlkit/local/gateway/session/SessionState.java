package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.SessionView;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's view of one session's transaction, as planned (it runs ahead of the backend when a
 * client pipelines) and reconciled with the backend's ReadyForQuery status when nothing is in flight.
 */
public final class SessionState implements SessionView {
    private final long id;
    private final String role;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    boolean inBlock;
    boolean failed;
    boolean hasDdl;
    boolean hasDml;
    /** {@link io.dsqlkit.local.behaviour.DsqlBehaviour#onTransactionStart} was called for the current transaction. */
    boolean behaviourNotified;
    long transactionStartNanos;
    /** Extended protocol: the backend will ignore messages until the next Sync (an error was planned or seen). */
    boolean skipUntilSync;
    /** Extended protocol outside a block: an implicit transaction runs until the next Sync. */
    boolean implicitOpen;
    /** While a hook runs for an earlier transaction than the planner's current one: its DDL flag. */
    Boolean hookHasDdl;

    SessionState(long id, String role) {
        this.id = id;
        this.role = role;
    }

    void startTransaction(long nowNanos) {
        hasDdl = false;
        hasDml = false;
        failed = false;
        behaviourNotified = false;
        transactionStartNanos = nowNanos;
    }

    void endTransaction() {
        inBlock = false;
        failed = false;
        hasDdl = false;
        hasDml = false;
        behaviourNotified = false;
    }

    /** A refusal: inside a block the transaction becomes aborted (dsql-facts §1.2). */
    void refused() {
        if (inBlock) failed = true;
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
        return hookHasDdl != null ? hookHasDdl : hasDdl;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "session " + id + " (" + role + ")";
    }
}
