package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.Frame;
import io.netty.buffer.ByteBuf;

/**
 * What the statements' answers mean for the session's transaction: completions and errors shaped
 * by their {@link Outcome}, the behaviour's after-commit/after-rollback hooks when a transaction
 * ends, the completion of a wrapped autocommit write held until its COMMIT succeeded, and the
 * planner's {@link SessionState} reconciled with each ReadyForQuery's transaction status.
 */
final class TransactionTracker {
    private static final System.Logger LOG = System.getLogger("dsqlkit.gateway");

    private final SessionState state;
    private final DsqlBehaviour behaviour;
    private final ErrorTranslator errors;
    private final ClientOutput out;
    private boolean errorSinceSync;
    /**
     * The completion of a wrapped autocommit write, held until its COMMIT succeeded: DSQL reports a
     * commit-time refusal of an autocommit statement instead of, not after, its completion.
     */
    private ByteBuf heldCompletion;

    TransactionTracker(SessionState state, DsqlBehaviour behaviour, ErrorTranslator errors, ClientOutput out) {
        this.state = state;
        this.behaviour = behaviour;
        this.errors = errors;
        this.out = out;
    }

    /** A simple Query or FunctionCall starts: errors are counted until its ReadyForQuery. */
    void exchangeStarted() {
        errorSinceSync = false;
    }

    /**
     * A ReadyForQuery with transaction status {@code status} ('I', 'T' or 'E'). When nothing else is in
     * flight ({@code last}), the planner's view is reset to the backend's truth.
     */
    void readyForQuery(char status, boolean last) {
        if (last) {
            if (status == 'I') {
                if (state.behaviourNotified) transactionEnded(!errorSinceSync, state.hasDdl);
                state.endTransaction();
            } else {
                state.inBlock = true;
                state.failed = status == 'E';
            }
            state.implicitOpen = false;
            state.skipUntilSync = false;
        }
        if (heldCompletion != null) {
            if (errorSinceSync) heldCompletion.release();
            else out.write(heldCompletion);
            heldCompletion = null;
        }
        errorSinceSync = false;
    }

    /** Runs the behaviour's hook for the transaction that just ended. */
    void transactionEnded(boolean committed, boolean hadDdl) {
        state.hookHasDdl = hadDdl;
        try {
            if (committed) {
                state.occPriority = Long.MAX_VALUE;
                behaviour.afterCommit(state);
            } else {
                behaviour.afterRollback(state);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "behaviour hook failed for " + state, e);
        } finally {
            state.hookHasDdl = null;
            state.behaviourNotified = false;
        }
    }

    /** A statement's CommandComplete under its outcome; {@code hold} keeps it back until ReadyForQuery. */
    void complete(Frame f, Outcome o, boolean hold) {
        if (o.txEnd() || o.mode() == Outcome.Mode.ERROR_INSTEAD) {
            String tag = ((BackendMessage.CommandComplete) f.decodeBackend()).tag();
            if (o.mode() == Outcome.Mode.ERROR_INSTEAD) transactionEnded(false, false);
            else transactionEnded(tag.startsWith("COMMIT"), o.hadDdl());
        }
        switch (o.mode()) {
            case RELAY -> {
                if (hold) {
                    if (heldCompletion != null) heldCompletion.release();
                    heldCompletion = o.tag() != null ? out.encode(new BackendMessage.CommandComplete(o.tag())) : f.retainedRaw();
                } else if (o.tag() != null) {
                    out.write(new BackendMessage.CommandComplete(o.tag()));
                } else {
                    out.relay(f);
                }
            }
            case ERROR_INSTEAD -> {
                errorSinceSync = true;
                out.write(ErrorTranslator.of("ERROR", o.error()));
            }
            default -> { }
        }
    }

    /** A statement's ErrorResponse under its outcome, translated to DSQL's words. */
    void backendError(Frame f, Outcome o) {
        errorSinceSync = true;
        if (o.mode() == Outcome.Mode.SUPPRESS_ERROR) return;
        ErrorResponse e = (ErrorResponse) f.decodeBackend();
        if (o.txEnd()) transactionEnded(false, o.hadDdl());
        ErrorResponse t = errors.translate(state, e);
        if (t != null) out.write(t);
        else out.relay(f);
    }

    /** The session closed: drop what was held. */
    void close() {
        if (heldCompletion != null) {
            heldCompletion.release();
            heldCompletion = null;
        }
    }
}
