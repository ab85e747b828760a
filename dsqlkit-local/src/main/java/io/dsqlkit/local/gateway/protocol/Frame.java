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

    public Frame(byte type, ByteBuf raw, int headerLength) {
        this.type = type;
        this.raw = raw;
        this.headerLength = headerLength;
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
