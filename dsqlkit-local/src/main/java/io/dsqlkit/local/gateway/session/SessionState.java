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
    /** Volatile: the OCC arbiter reads it ({@link OccParticipant#mayHoldExclusiveLocks}). */
    volatile boolean hasDdl;
    boolean hasDml;
    /** The transaction block was opened READ ONLY (BEGIN / START TRANSACTION ... READ ONLY); see {@link PlainRead#all}. */
    boolean readOnly;
    /** {@link io.dsqlkit.local.behaviour.DsqlBehaviour#onTransactionStart} was called for the current transaction. */
    boolean behaviourNotified;
    long transactionStartNanos;
    /** Extended protocol: the backend will ignore messages until the next Sync (an error was planned or seen). */
    boolean skipUntilSync;
    /** Extended protocol outside a block: an implicit transaction runs until the next Sync. */
    boolean implicitOpen;
    /** While a hook runs for an earlier transaction than the planner's current one: its DDL flag. */
    Boolean hookHasDdl;
    /** Counts transaction starts and ends, so a late OCC decision about an earlier transaction is ignored. */
    volatile long generation;
    /** OCC ({@link io.dsqlkit.local.gateway.OccModel#DSQL}): another transaction won; this one is rolled back. */
    boolean doomed;
    /**
     * A statement that changes how new backend sessions start ({@link BackendPool#changesNewSessions}) was planned
     * since the session last was outside a transaction.
     */
    boolean changedNewSessions;
    /** The client has been told (OC000) that its doomed transaction failed. */
    boolean doomReported;
    /**
     * OCC priority: when this session's work was first doomed since its last successful commit
     * ({@code Long.MAX_VALUE} = never). The older priority wins a conflict, so a retried transaction
     * eventually wins (no livelock).
     */
    volatile long occPriority = Long.MAX_VALUE;
    /** When the gateway last cancelled this session's statement for OCC (System.nanoTime). */
    private long occCancelNanos;
    /**
     * OCC cancels sent and not yet seen as a 57014: a doomed session that stays busy is cancelled again every few
     * milliseconds, so two can be in flight, and the second lands on a later statement (pgbench's TPC-B script
     * got it as a plain 57014 when one flag stood for both).
     */
    private int occCancels;
    /** A cancel this old that never showed up was dropped by PostgreSQL (it arrived while the backend was idle). */
    static final long OCC_CANCEL_WINDOW_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    SessionState(long id, String role) {
        this.id = id;
        this.role = role;
    }

    void startTransaction(long nowNanos) {
        newGeneration();
        hasDdl = false;
        hasDml = false;
        readOnly = false;
        failed = false;
        behaviourNotified = false;
        transactionStartNanos = nowNanos;
    }

    void endTransaction() {
        newGeneration();
        inBlock = false;
        failed = false;
        hasDdl = false;
        hasDml = false;
        readOnly = false;
        behaviourNotified = false;
    }

    private void newGeneration() {
        generation++;
        doomed = false;
        doomReported = false;
    }

    /** The doomed transaction's failure, if the client has not been told yet (then it has). */
    boolean reportDoom() {
        if (!doomed || doomReported) return false;
        doomReported = true;
        return true;
    }

    /** The gateway asked PostgreSQL to cancel this session's running statement because its transaction lost. */
    void occCancelSent(long nowNanos) {
        occCancels++;
        occCancelNanos = nowNanos;
    }

    /**
     * Whether a 57014 (statement cancelled) the backend just reported is one of the gateway's OCC cancels: the
     * cancel is asynchronous, so it can land on a statement after the one it was meant for (then that statement,
     * not the user, was cancelled: OC000). Consumes one pending cancel; cancels older than
     * {@link #OCC_CANCEL_WINDOW_NANOS} were dropped by PostgreSQL and are forgotten.
     */
    boolean takeOccCancel() {
        if (occCancels == 0) return false;
        if (System.nanoTime() - occCancelNanos >= OCC_CANCEL_WINDOW_NANOS) {
            occCancels = 0;
            return false;
        }
        occCancels--;
        return true;
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
