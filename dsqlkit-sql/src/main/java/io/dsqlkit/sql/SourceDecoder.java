package io.dsqlkit.sql;

import java.nio.charset.StandardCharsets;

/**
 * Turns a file's bytes into SQL text, or says why they are not SQL text. PostgreSQL (and so DSQL)
 * rejects NUL bytes and invalid UTF-8 in query text, so we refuse to guess: a NUL means a binary
 * file (skipped), an invalid sequence is reported with its byte offset.
 */
public final class SourceDecoder {
    private static final int NOT_FOUND = -1;

    private SourceDecoder() {}

    public sealed interface Decoded permits Text, Rejected {}

    /** @param text the SQL without a leading byte-order mark */
    public record Text(String text, boolean hadBom) implements Decoded {}

    public record Rejected(String reason) implements Decoded {}

    public static Decoded decode(byte[] bytes) {
        int start = hasBom(bytes) ? 3 : 0;
        if (indexOfNul(bytes, start) != NOT_FOUND) return new Rejected("binary file (contains NUL bytes), skipped");
        int bad = firstInvalidUtf8(bytes, start);
        if (bad != NOT_FOUND) {
            return new Rejected("not valid UTF-8 at byte " + bad + " (line " + lineAt(bytes, bad)
                    + "); save the file as UTF-8");
        }
        return new Text(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), start == 3);
    }

    public static boolean hasBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
    }

    private static int indexOfNul(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == 0) return i;
        return NOT_FOUND;
    }

    /** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
    public static int firstInvalidUtf8(byte[] b, int from) {
        int i = from;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need;
            int min2 = 0x80, max2 = 0xBF; // allowed range of the second byte
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) min2 = 0xA0;       // overlong
                else if (c == 0xED) max2 = 0x9F;  // UTF-16 surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) min2 = 0x90;       // overlong
                else if (c == 0xF4) max2 = 0x8F;  // above U+10FFFF
            } else {
                return i;
            }
            if (i + need >= n) return i; // truncated at end of input
            int second = b[i + 1] & 0xFF;
            if (second < min2 || second > max2) return i;
            for (int k = 2; k <= need; k++) {
                int cont = b[i + k] & 0xFF;
                if (cont < 0x80 || cont > 0xBF) return i;
            }
            i += need + 1;
        }
        return NOT_FOUND;
    }

    public static int lineAt(byte[] b, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (b[i] == '\n') line++;
        return line;
    }
}
