package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.rules.DsqlErrors;
import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * A session's side of the {@link OccArbiter}: dooming its transaction ends whatever hold or wait it
 * has on the backend, on the session's own event loop. Idle inside a transaction block, the gateway
 * makes the backend transaction fail (a suppressed {@code dsqlkit.raise}), which releases its row
 * locks at once and leaves the backend in an aborted transaction block, exactly where the client
 * believes it is; busy, the running statement is cancelled ({@code pg_cancel_backend} through the
 * arbiter). The client learns of it at its next statement (the backend's 25P02 or 57014 becomes
 * OC000) or at COMMIT (answered as a failed COMMIT). A cancel that lands late, on the session's next
 * statement, is reported as OC000 too ({@link SessionState#takeOccCancel}).
 */
final class OccParticipant implements OccArbiter.Participant {
    /** At most one cancel per this interval (a doomed holder is seen again by every waiter's check). */
    private static final long CANCEL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final int pid;
    private final OccArbiter arbiter;
    private final EventLoop loop;
    private final SessionState state;
    private final ResponseQueue responses;
    private final BackendLink backend;
    private long abortedGeneration = -1;
    /** The generation the arbiter last doomed (written by the arbiter, before the doom reaches the loop). */
    private volatile long doomedGeneration = -1;
    private long lastCancelNanos;
    /** The session has ended: a doom arriving later must not touch the backend (another session may hold it). */
    private boolean left;
    private boolean cancelSent;

    OccParticipant(int pid, OccArbiter arbiter, EventLoop loop, SessionState state, ResponseQueue responses, BackendLink backend) {
        this.pid = pid;
        this.arbiter = arbiter;
        this.loop = loop;
        this.state = state;
        this.responses = responses;
        this.backend = backend;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public long busySinceNanos() {
        return responses.busySinceNanos();
    }

    @Override
    public boolean mayWaitForLocks() {
        return responses.mayWaitForLocks();
    }

    @Override
    public boolean mayHoldExclusiveLocks() {
        // Also any non-plain-read work in flight (a DDL transaction's COMMIT, say, after its state was reset).
        return state.hasDdl || (responses.busySinceNanos() != 0 && responses.mayWaitForLocks());
    }

    @Override
    public long generation() {
        return state.generation;
    }

    @Override
    public long priority() {
        return state.occPriority;
    }

    @Override
    public boolean doomed() {
        return doomedGeneration == state.generation;
    }

    @Override
    public void doom(long generation) {
        doomedGeneration = generation;
        loop.execute(() -> doomOnLoop(generation));
    }

    /**
     * The session ends (on its loop, after {@link OccArbiter#leave}): dooms still on their way are ignored. True when
     * a cancel was ever asked for this backend (one may still reach it).
     */
    boolean leave() {
        left = true;
        return cancelSent;
    }

    private void doomOnLoop(long generation) {
        if (left || state.generation != generation) return; // the session or that transaction has ended meanwhile
        state.doomed = true;
        if (state.occPriority == Long.MAX_VALUE) state.occPriority = System.nanoTime();
        if (responses.idle()) {
            if (state.inBlock && !state.failed && abortedGeneration != generation) abortIdleTransaction(generation);
            return;
        }
        long now = System.nanoTime();
        if (now - lastCancelNanos < CANCEL_INTERVAL_NANOS) return;
        lastCancelNanos = now;
        cancelSent = true;
        state.occCancelSent(now);
        arbiter.cancel(pid);
    }

    /** Fails the backend transaction (releasing its locks) without telling the idle client yet. */
    private void abortIdleTransaction(long generation) {
        abortedGeneration = generation;
        responses.expect(f -> {
            if (f.type() != BackendType.READY_FOR_QUERY) return false;
            if (state.generation == generation) state.failed = true;
            return true;
        });
        backend.write(new FrontendMessage.Query(BackendSql.raise(DsqlErrors.OC000)));
        backend.flush();
    }
}
