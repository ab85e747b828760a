package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.BackendMessage.NoticeResponse;
import io.dsqlkit.local.gateway.protocol.BackendType;
import io.dsqlkit.local.gateway.protocol.Frame;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The backend's answers, in the order the requests were sent: each request the session sends (a
 * client's message or one the gateway injects) queues an {@link Expectation} that consumes its
 * answers and decides what the client sees. Asynchronous messages (notices, notifications,
 * parameter changes) pass through whatever is expected.
 */
final class ResponseQueue {
    /** What the session expects of the backend's next answers to one request. */
    interface Expectation {
        /** Consumes one backend frame; true when this expectation is complete. */
        boolean onBackend(Frame f);

        /** A Sync's answer: where the backend resumes after an error in the extended protocol. */
        default boolean isSync() {
            return false;
        }
    }

    private final ArrayDeque<Expectation> expected = new ArrayDeque<>();
    private final ClientOutput out;
    private final ErrorTranslator errors;
    private final SessionState state;
    private final Runnable closeSession;

    ResponseQueue(ClientOutput out, ErrorTranslator errors, SessionState state, Runnable closeSession) {
        this.out = out;
        this.errors = errors;
        this.state = state;
        this.closeSession = closeSession;
    }

    /** When the backend started working on what is in flight (System.nanoTime), 0 when idle. */
    private volatile long busySinceNanos;

    /** Told when the backend goes from idle to busy, or its work turns out able to wait for a lock (the OCC arbiter's wake-up). */
    interface BusyListener {
        void busy(boolean mayWaitForLocks);
    }

    /** Set once, on the loop. */
    private BusyListener onBusy = mayWait -> { };

    void onBusy(BusyListener l) {
        this.onBusy = l;
    }

    /** Whether the work in flight may wait for a row or table lock (see {@link PlainRead}); read from any thread. */
    private volatile boolean mayWaitForLocks;

    void expect(Expectation e) {
        expect(e, true);
    }

    /** {@code mayWaitForLocks} false: the request is {@link PlainRead}s only (the OCC arbiter may skip its checks). */
    void expect(Expectation e, boolean mayWaitForLocks) {
        expected.add(e);
        if (expected.size() == 1) {
            this.mayWaitForLocks = mayWaitForLocks; // before busySinceNanos: who sees the new busy period sees this
            busySinceNanos = System.nanoTime();
            onBusy.busy(mayWaitForLocks);
        } else if (mayWaitForLocks && !this.mayWaitForLocks) {
            this.mayWaitForLocks = true;
            onBusy.busy(true); // a pipeline's plain read, then a write: an arbiter asleep for want of such work wakes
        }
    }

    /** Whether anything in flight may wait for a lock (meaningful while busy). */
    boolean mayWaitForLocks() {
        return mayWaitForLocks;
    }

    /** Nothing is in flight: the backend session waits for the client. */
    boolean idle() {
        return expected.isEmpty();
    }

    /** Since when the backend has been busy (System.nanoTime), 0 when idle; read from any thread. */
    long busySinceNanos() {
        return busySinceNanos;
    }

    /** True when the expectation now being answered is the only one in flight. */
    boolean answeringLast() {
        return expected.size() <= 1;
    }

    /**
     * After an error in the extended protocol the backend ignores everything up to Sync: drops the
     * expectations queued behind the head (the failed one) up to the next Sync.
     */
    void skipToSync() {
        Iterator<Expectation> it = expected.iterator();
        if (!it.hasNext()) return;
        it.next();
        while (it.hasNext()) {
            if (it.next().isSync()) break;
            it.remove();
        }
    }

    void onBackend(Frame f) {
        switch (f.type()) {
            case BackendType.NOTICE_RESPONSE -> {
                relayNotice(f);
                return;
            }
            case BackendType.NOTIFICATION_RESPONSE -> {
                out.relay(f);
                return;
            }
            case BackendType.PARAMETER_STATUS -> {
                out.relayParameterStatus(f);
                return;
            }
            default -> { }
        }
        Expectation head = expected.peek();
        if (head == null) {
            unsolicited(f);
            return;
        }
        if (head.onBackend(f)) {
            expected.poll();
            if (expected.isEmpty()) busySinceNanos = 0;
        }
    }

    /** A notice as DSQL would send it: PostgreSQL's source file, line and routine fields removed. */
    private void relayNotice(Frame f) {
        NoticeResponse cleaned = ErrorTranslator.withoutInternals((NoticeResponse) f.decodeBackend());
        if (cleaned == null) {
            out.relay(f);
        } else {
            out.write(cleaned);
        }
    }

    /** An answer nobody asked for: the backend's own FATAL (e.g. terminated by an administrator). */
    private void unsolicited(Frame f) {
        if (f.type() != BackendType.ERROR_RESPONSE) {
            out.relay(f);
            return;
        }
        ErrorResponse e = (ErrorResponse) f.decodeBackend();
        ErrorResponse t = errors.translate(state, e);
        out.write(t != null ? t : e);
        if ("FATAL".equals(e.field('S')) || "PANIC".equals(e.field('S'))) {
            out.flush();
            closeSession.run();
        }
    }

    void clear() {
        expected.clear();
        busySinceNanos = 0;
    }
}
