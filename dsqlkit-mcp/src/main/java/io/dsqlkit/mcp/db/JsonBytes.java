package io.dsqlkit.mcp.db;

/**
 * Byte counts of JSON text without serializing it again: UTF-8 length, and the length a text takes
 * once embedded in a JSON string (quotes, backslashes and control characters escaped, the rest as
 * UTF-8, as Jackson writes it).
 */
public final class JsonBytes {
    private JsonBytes() {}

    public static long utf8(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) n += utf8(s.charAt(i));
        return n;
    }

    /** Bytes of {@code s} written as the contents of a JSON string (without the quotes). */
    public static long escapedInString(String s) {
        return escapedChars(s, 0, s.length());
    }

    /** Bytes of {@code s} written as a JSON string, quotes included. */
    public static long stringBytes(String s) {
        return escapedInString(s) + 2;
    }

    static long escapedChars(String s, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') n += 2;
            else if (c < 0x20) n += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            else n += utf8(c);
        }
        return n;
    }

    private static int utf8(char c) {
        if (c < 0x80) return 1;
        if (c < 0x800) return 2;
        if (Character.isSurrogate(c)) return 2; // a pair is 4 bytes
        return 3;
    }
}
