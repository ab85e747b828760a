package io.dsqlkit.local.gateway.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality, for binary fields of protocol messages. */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    public static Bytes utf8(String s) {
        return new Bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte[] toArray() {
        return data.clone();
    }

    byte[] unsafeArray() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 32 ? "Bytes[" + HexFormat.of().formatHex(data) + "]" : "Bytes[" + data.length + " bytes]";
    }
}
