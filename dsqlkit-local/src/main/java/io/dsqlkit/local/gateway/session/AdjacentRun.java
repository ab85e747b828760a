package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;

import java.util.function.Consumer;

/**
 * The writes of one direction of a session (to the client, or to the backend), batched. Frames passed on unchanged
 * that lie next to each other in the buffer they were cut from (a backend read's DataRow, CommandComplete and
 * ReadyForQuery; a client's Bind, Execute and Sync) are gathered into one slice of that buffer, so that they cost one
 * channel write, one outbound entry and one I/O vector; anything else written goes after the run ({@link #write}).
 * {@link #flush} sends what was written and does nothing when nothing was. The run holds one reference to the buffer:
 * a decoder only compacts a buffer nobody else holds, so the run's bytes stay where they are.
 */
final class AdjacentRun {
    private final Consumer<ByteBuf> channelWrite;
    private final Runnable channelFlush;
    private ByteBuf source;
    private int start;
    private int end;
    /** Something was written since the last flush. */
    private boolean unflushed;

    /** The run of writes to {@code channel}, written with a {@link #quietPromise}. */
    static AdjacentRun on(Channel channel) {
        ChannelPromise quiet = quietPromise(channel);
        return new AdjacentRun(b -> channel.write(b, quiet), channel::flush);
    }

    /**
     * A promise for writes whose outcome nobody waits for: no promise object per write and nothing to notify when
     * it completes. A failed write is dropped, as it was with an unobserved promise; the channel's closing tells.
     */
    static ChannelPromise quietPromise(Channel channel) {
        return new VoidChannelPromise(channel, false);
    }

    /** {@code channelWrite} writes a buffer (and releases it, as a Netty write does); {@code channelFlush} flushes. */
    AdjacentRun(Consumer<ByteBuf> channelWrite, Runnable channelFlush) {
        this.channelWrite = channelWrite;
        this.channelFlush = channelFlush;
    }

    /** Passes {@code f} on: into the run when it continues it; else it starts a new run, after writing this one. */
    void add(Frame f) {
        if (source != null && f.source() == source && f.sourceIndex() == end) {
            end += f.length();
            return;
        }
        writeRun();
        source = f.source().retain();
        start = f.sourceIndex();
        end = start + f.length();
    }

    /** Writes {@code b} after the run (which it releases, as a Netty write does). */
    void write(ByteBuf b) {
        writeRun();
        send(b);
    }

    /** Sends what was written, the run included; nothing to do when nothing was. */
    void flush() {
        writeRun();
        if (!unflushed) return;
        unflushed = false;
        channelFlush.run();
    }

    /** Writes the run, if any, as one slice; the run is empty afterwards. */
    void writeRun() {
        ByteBuf s = source;
        if (s == null) return;
        source = null;
        ByteBuf run = s.retainedSlice(start, end - start);
        s.release();
        send(run);
    }

    /** Drops the run unwritten (the channel is gone). */
    void discard() {
        ByteBuf s = source;
        source = null;
        if (s != null) s.release();
    }

    private void send(ByteBuf b) {
        unflushed = true;
        channelWrite.accept(b);
    }
}
