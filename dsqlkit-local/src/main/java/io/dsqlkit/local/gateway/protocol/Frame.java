package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One framed protocol message as received: the raw bytes (type byte if any, length, body), kept so
 * the gateway can relay it without re-encoding. Reference-counted: whoever consumes it releases it.
 */
public final class Frame {
    private final byte type;
    private final ByteBuf raw;
    private final int headerLength;
    /** The buffer {@code raw} was cut from and where, or null: lets adjacent frames be relayed as one slice. */
    private final ByteBuf source;
    private final int sourceIndex;

    public Frame(byte type, ByteBuf raw, int headerLength) {
        this(type, raw, headerLength, null, -1);
    }

    /**
     * A frame cut from {@code source} at {@code sourceIndex}; {@code raw} is a retained slice of it, so {@code source}
     * lives (and, as a decoder only compacts a buffer nobody else holds, keeps these bytes where they are) while the
     * frame does.
     */
    public Frame(byte type, ByteBuf raw, int headerLength, ByteBuf source, int sourceIndex) {
        this.type = type;
        this.raw = raw;
        this.headerLength = headerLength;
        this.source = source;
        this.sourceIndex = sourceIndex;
    }

    /** The type byte, or 0 for a startup-phase (untyped) message. */
    public byte type() {
        return type;
    }

    /** The body as a fresh read view (does not change or retain the frame). */
    public ByteBuf body() {
        return raw.slice(raw.readerIndex() + headerLength, raw.readableBytes() - headerLength);
    }

    public int bodyLength() {
        return raw.readableBytes() - headerLength;
    }

    /** The whole frame's length (header included). */
    public int length() {
        return raw.readableBytes();
    }

    /** The body's first byte (ReadyForQuery's transaction status), without a view of the body. */
    public byte firstBodyByte() {
        return raw.getByte(raw.readerIndex() + headerLength);
    }

    /** The buffer this frame was cut from, or null when unknown. */
    public ByteBuf source() {
        return source;
    }

    /** Where in {@link #source()} the frame starts. */
    public int sourceIndex() {
        return sourceIndex;
    }

    /** The whole frame, retained once for writing to another channel. */
    public ByteBuf retainedRaw() {
        return raw.retainedDuplicate();
    }

    public FrontendMessage decodeFrontend() {
        return type == 0 ? FrontendMessage.decodeStartup(body()) : FrontendMessage.decode(type, body());
    }

    public BackendMessage decodeBackend() {
        return BackendMessage.decode(type, body());
    }

    public void release() {
        ((ReferenceCounted) raw).release();
    }

    @Override
    public String toString() {
        return "Frame[" + (type == 0 ? "startup" : Character.toString((char) type)) + ", " + bodyLength() + " bytes]";
    }
}
