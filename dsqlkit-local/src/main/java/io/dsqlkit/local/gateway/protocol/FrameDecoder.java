package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into {@link Frame}s. Starts untyped (startup phase) when asked; the session
 * switches it to typed after the StartupMessage. A declared length above {@code maxMessageLength}
 * is refused as soon as the header arrives, so a hostile client cannot make us buffer it
 * (dsql-facts §2: message size 10 MiB, 08P01 {@code invalid message length}).
 */
public class FrameDecoder extends ByteToMessageDecoder {
    private final int maxMessageLength;
    private volatile boolean typed;

    public FrameDecoder(boolean typed, int maxMessageLength) {
        this.typed = typed;
        this.maxMessageLength = maxMessageLength;
    }

    public void typed(boolean t) {
        this.typed = t;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int header = typed ? 5 : 4;
        while (in.readableBytes() >= header) {
            int start = in.readerIndex();
            byte type = typed ? in.getByte(start) : 0;
            int len = in.getInt(start + header - 4);
            if (len < 4 || (!typed && len < 8)) throw new MessageLengthException("invalid message length " + len);
            if (len > maxMessageLength) throw new MessageLengthException("invalid message length");
            int total = len + header - 4;
            if (in.readableBytes() < total) return;
            in.readerIndex(start + total);
            emit(Frame.cut(type, in.retain(), start, total, header), out);
            // Startup-phase messages come one at a time (SSLRequest waits for our answer, StartupMessage
            // is followed by authentication); stop so the session can switch mode before the next one.
            if (!typed) return;
        }
    }

    /**
     * Hands on one frame, which the receiver releases: by default to the next handler (after this read's
     * decoding). A last handler may take it at once instead, saving a pipeline hop per message.
     */
    protected void emit(Frame frame, List<Object> out) {
        out.add(frame);
    }

    /** A frame length out of bounds: answer 08P01 and close. */
    public static final class MessageLengthException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MessageLengthException(String message) {
            super(message);
        }
    }
}
