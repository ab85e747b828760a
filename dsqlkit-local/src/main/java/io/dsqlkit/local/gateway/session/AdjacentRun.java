package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.Frame;
import io.netty.buffer.ByteBuf;

/**
 * Frames passed on unchanged that lie next to each other in the buffer they were cut from (a backend read's
 * DataRow, CommandComplete and ReadyForQuery; a client's Bind, Execute and Sync), gathered into one slice of that
 * buffer so that they cost one channel write, one outbound entry and one I/O vector. The run holds one reference
 * to the buffer: a decoder only compacts a buffer nobody else holds, so the run's bytes stay where they are.
 */
final class AdjacentRun {
    private ByteBuf source;
    private int start;
    private int end;

    /** Adds {@code f} when it continues the run; false when it does not (take the run, then start another). */
    boolean extend(Frame f) {
        if (source == null || f.source() != source || f.sourceIndex() != end) return false;
        end += f.length();
        return true;
    }

    /** Starts a run with {@code f} (the run must be empty); false when its buffer is unknown (pass it on alone). */
    boolean start(Frame f) {
        if (f.source() == null) return false;
        source = f.source().retain();
        start = f.sourceIndex();
        end = start + f.length();
        return true;
    }

    /** The run as one retained slice to write (whoever writes it releases it), or null; the run is empty after. */
    ByteBuf take() {
        ByteBuf s = source;
        if (s == null) return null;
        source = null;
        ByteBuf run = s.retainedSlice(start, end - start);
        s.release();
        return run;
    }
}
