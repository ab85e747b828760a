package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.Frame;
import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/**
 * Frames passed on unchanged that lie next to each other in the buffer they were cut from (a backend read's
 * DataRow, CommandComplete and ReadyForQuery; a client's Bind, Execute and Sync), gathered into one slice of that
 * buffer so that they cost one channel write, one outbound entry and one I/O vector. The run holds one reference
 * to the buffer: a decoder only compacts a buffer nobody else holds, so the run's bytes stay where they are.
 * Whoever writes anything else to the same channel writes the run first ({@link #write}).
 */
final class AdjacentRun {
    private final Consumer<ByteBuf> channel;
    private ByteBuf source;
    private int start;
    private int end;

    /** {@code channel} writes a buffer (and releases it, as a Netty write does). */
    AdjacentRun(Consumer<ByteBuf> channel) {
        this.channel = channel;
    }

    /** Passes {@code f} on: into the run when it continues it; else after writing the run, alone if its buffer is unknown. */
    void add(Frame f) {
        if (source != null && f.source() == source && f.sourceIndex() == end) {
            end += f.length();
            return;
        }
        write();
        if (f.source() == null) {
            channel.accept(f.retainedRaw());
            return;
        }
        source = f.source().retain();
        start = f.sourceIndex();
        end = start + f.length();
    }

    /** Writes the run, if any, as one slice; the run is empty afterwards. */
    void write() {
        ByteBuf s = source;
        if (s == null) return;
        source = null;
        ByteBuf run = s.retainedSlice(start, end - start);
        s.release();
        channel.accept(run);
    }

    /** Drops the run unwritten (the channel is gone). */
    void discard() {
        ByteBuf s = source;
        source = null;
        if (s != null) s.release();
    }
}
