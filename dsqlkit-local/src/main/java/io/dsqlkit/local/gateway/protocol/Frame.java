package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;

/**
 * One framed protocol message as received: the raw bytes (type byte if any, length, body), kept so
 * the gateway can relay it without re-encoding. Reference-counted: whoever consumes it releases it.
 *
 * <p>A frame holds a reference to the buffer its bytes are in and its place there, not a slice of its own: a
 * frame cut by a {@link FrameDecoder} holds the decoder's buffer, so there is no buffer object per message
 * relayed, and frames next to each other in that buffer can be relayed as one slice ({@link #source()}). A
 * decoder only compacts a buffer nobody else holds, so the bytes stay where they are while the frame lives.
 */
public final class Frame {
    private final byte type;
    /** Holds the frame's bytes at {@code [offset, offset + length)}; the frame owns one reference to it. */
    private final ByteBuf buf;
    private final int offset;
    private final int length;
    private final int headerLength;

    /** A frame of its own buffer: {@code raw}'s readable bytes, whose reference it takes over. */
    public Frame(byte type, ByteBuf raw, int headerLength) {
        this(type, raw, raw.readerIndex(), raw.readableBytes(), headerLength);
    }

    private Frame(byte type, ByteBuf buf, int offset, int length, int headerLength) {
        this.type = type;
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.headerLength = headerLength;
    }

    /**
     * The frame at {@code [index, index + length)} of {@code source}, taking over one reference to
     * {@code source} that the caller has retained for it.
     */
    public static Frame cut(byte type, ByteBuf source, int index, int length, int headerLength) {
        return new Frame(type, source, index, length, headerLength);
    }

    /** The type byte, or 0 for a startup-phase (untyped) message. */
    public byte type() {
        return type;
    }

    /** The body as a fresh read view (does not change or retain the frame). */
    public ByteBuf body() {
        return buf.slice(offset + headerLength, length - headerLength);
    }

    public int bodyLength() {
        return length - headerLength;
    }

    /** The whole frame's length (header included). */
    public int length() {
        return length;
    }

    /** The body's first byte (ReadyForQuery's transaction status), without a view of the body. */
    public byte firstBodyByte() {
        return buf.getByte(offset + headerLength);
    }

    /** The buffer the frame's bytes are in (for a decoded frame, shared with the frames cut next to it). */
    public ByteBuf source() {
        return buf;
    }

    /** Where in {@link #source()} the frame starts. */
    public int sourceIndex() {
        return offset;
    }

    /** The whole frame, retained once for writing to another channel. */
    public ByteBuf retainedRaw() {
        return buf.retainedSlice(offset, length);
    }

    public FrontendMessage decodeFrontend() {
        return type == 0 ? FrontendMessage.decodeStartup(body()) : FrontendMessage.decode(type, body());
    }

    public BackendMessage decodeBackend() {
        return BackendMessage.decode(type, body());
    }

    public void release() {
        buf.release();
    }

    @Override
    public String toString() {
        return "Frame[" + (type == 0 ? "startup" : Character.toString((char) type)) + ", " + bodyLength() + " bytes]";
    }
}
