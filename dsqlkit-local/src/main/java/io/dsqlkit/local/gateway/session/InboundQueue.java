package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.Frame;
import io.dsqlkit.local.gateway.protocol.FrontendType;

import java.util.ArrayDeque;

/**
 * Client messages read but not yet planned, and the flow control over them: while a simple Query
 * or FunctionCall is in flight nothing else is planned (its statements decide the transaction state
 * the next message is planned in), except the client's COPY data once the backend asked for it.
 * Pipelined extended-protocol messages are planned as they come.
 */
final class InboundQueue {
    /** Above this many queued frames the client is not read until the queue drains. */
    static final int MAX_QUEUED_FRAMES = 256;

    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private boolean blocked;
    private boolean copyIn;

    void add(Frame f) {
        frames.add(f);
    }

    /** The next frame that may be planned now, or null. The caller releases it. */
    Frame next() {
        Frame head = frames.peek();
        if (head == null) return null;
        if (blocked && !(copyIn && FrontendType.isCopy(head.type()))) return null;
        return frames.poll();
    }

    /** A simple Query or FunctionCall went to the backend: hold the rest until its ReadyForQuery. */
    void block() {
        blocked = true;
    }

    /** The backend sent CopyInResponse: the client's CopyData/CopyDone/CopyFail must pass. */
    void copyInStarted() {
        copyIn = true;
    }

    /** The client sent CopyDone or CopyFail. */
    void copyInEnded() {
        copyIn = false;
    }

    /** ReadyForQuery: plan again. */
    void unblock() {
        blocked = false;
        copyIn = false;
    }

    boolean full() {
        return frames.size() >= MAX_QUEUED_FRAMES;
    }

    /** Releases every queued frame. */
    void clear() {
        for (Frame f : frames) f.release();
        frames.clear();
    }
}
