package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Primitive readers and writers of the PostgreSQL v3 protocol; every read is bounds-checked. */
public final class Wire {
    private Wire() {}

    public static String readCString(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        if (end < 0) throw new ProtocolException("unterminated string in message");
        String s = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end + 1);
        return s;
    }

    public static void writeCString(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }

    public static int readInt(ByteBuf in) {
        need(in, 4);
        return in.readInt();
    }

    public static short readShort(ByteBuf in) {
        need(in, 2);
        return in.readShort();
    }

    public static byte readByte(ByteBuf in) {
        need(in, 1);
        return in.readByte();
    }

    /** A count field (int16) that must be non-negative and plausible for the bytes left. */
    public static int readCount16(ByteBuf in, int minBytesEach) {
        int n = readShort(in) & 0xFFFF;
        if ((long) n * minBytesEach > in.readableBytes()) throw new ProtocolException("count " + n + " exceeds the message length");
        return n;
    }

    public static Bytes readBytes(ByteBuf in, int n) {
        if (n < 0) throw new ProtocolException("negative length " + n);
        need(in, n);
        byte[] b = new byte[n];
        in.readBytes(b);
        return Bytes.wrap(b);
    }

    /** An int32 length followed by that many bytes; length -1 is SQL NULL (returned as null). */
    public static Bytes readNullableBytes(ByteBuf in) {
        int n = readInt(in);
        if (n == -1) return null;
        return readBytes(in, n);
    }

    public static void writeNullableBytes(ByteBuf out, Bytes b) {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length());
            out.writeBytes(b.unsafeArray());
        }
    }

    public static Bytes readRest(ByteBuf in) {
        return readBytes(in, in.readableBytes());
    }

    public static void writeBytes(ByteBuf out, Bytes b) {
        out.writeBytes(b.unsafeArray());
    }

    public static List<Integer> readShorts(ByteBuf in) {
        int n = readCount16(in, 2);
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add((int) in.readShort());
        return List.copyOf(l);
    }

    public static void writeShorts(ByteBuf out, List<Integer> values) {
        out.writeShort(values.size());
        for (int v : values) out.writeShort(v);
    }

    public static List<Integer> readInts16Count(ByteBuf in) {
        int n = readCount16(in, 4);
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) l.add(in.readInt());
        return List.copyOf(l);
    }

    public static void writeInts16Count(ByteBuf out, List<Integer> values) {
        out.writeShort(values.size());
        for (int v : values) out.writeInt(v);
    }

    public static void end(ByteBuf in) {
        if (in.isReadable()) throw new ProtocolException("message has " + in.readableBytes() + " unexpected trailing bytes");
    }

    private static void need(ByteBuf in, int n) {
        if (in.readableBytes() < n) throw new ProtocolException("message too short");
    }
}
