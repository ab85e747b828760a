package io.dsqlkit.local.gateway.session;

import io.dsqlkit.rules.DsqlError;

/**
 * What the gateway does with the backend's answer to one statement it sent.
 *
 * @param tag      replaces the CommandComplete tag (e.g. {@code SHOW} for a rewritten SHOW), or null
 * @param error    for {@link Mode#ERROR_INSTEAD}: the error sent in place of the completion
 * @param txEnd    the statement ends a transaction (COMMIT/ROLLBACK): run the behaviour's after-hooks
 * @param hadDdl   the transaction it ends had DDL (for afterCommit)
 */
record Outcome(Mode mode, String tag, DsqlError error, boolean txEnd, boolean hadDdl) {
    enum Mode {
        /** Relay rows and completion (with {@code tag} if set). */
        RELAY,
        /** Statement injected by the gateway: swallow its rows and completion. */
        SUPPRESS,
        /** A forced ROLLBACK standing for a failed COMMIT: send {@code error} instead of its completion. */
        ERROR_INSTEAD,
        /** An injected error whose only purpose is to make the backend skip to Sync: swallow it. */
        SUPPRESS_ERROR
    }

    static final Outcome RELAY = new Outcome(Mode.RELAY, null, null, false, false);
    static final Outcome SUPPRESS = new Outcome(Mode.SUPPRESS, null, null, false, false);

    static Outcome tag(String tag) {
        return new Outcome(Mode.RELAY, tag, null, false, false);
    }

    static Outcome txEnd(boolean hadDdl) {
        return new Outcome(Mode.RELAY, null, null, true, hadDdl);
    }

    static Outcome suppressedTxEnd(boolean hadDdl) {
        return new Outcome(Mode.SUPPRESS, null, null, true, hadDdl);
    }

    static Outcome errorInstead(DsqlError e) {
        return new Outcome(Mode.ERROR_INSTEAD, null, e, true, false);
    }

    static Outcome suppressError() {
        return new Outcome(Mode.SUPPRESS_ERROR, null, null, false, false);
    }
}
