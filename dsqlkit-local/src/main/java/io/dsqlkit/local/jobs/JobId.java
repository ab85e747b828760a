package io.dsqlkit.local.jobs;

import java.util.UUID;

/**
 * DSQL async job ids: a random 128-bit UUID as 26 characters of lowercase RFC 4648 base32 without
 * padding, e.g. {@code jh2gbtx4mzhgfkbimtgwn5j45y} (dsql-facts §4). Decoding is what makes
 * {@code sys.wait_for_job('no-such-job')} fail with 22P02 {@code Unable to convert text to UUID}.
 */
public final class JobId {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    public static final int LENGTH = 26;

    private JobId() {}

    public static String random() {
        return encode(UUID.randomUUID());
    }

    public static String encode(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) sb.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        return sb.toString();
    }

    /** The UUID a job id stands for; IllegalArgumentException if {@code id} is not a job id. */
    public static UUID decode(String id) {
        if (id == null || id.length() != LENGTH) throw new IllegalArgumentException("Unable to convert text to UUID");
        String s = id;
        byte[] bytes = new byte[16];
        int buffer = 0;
        int bits = 0;
        int out = 0;
        for (int i = 0; i < s.length(); i++) {
            int v = ALPHABET.indexOf(s.charAt(i));
            if (v < 0) throw new IllegalArgumentException("Unable to convert text to UUID");
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                if (out < 16) bytes[out++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        // 26 * 5 = 130 bits: the last two must be zero padding, as in a canonical encoding.
        if ((buffer & ((1 << bits) - 1)) != 0) throw new IllegalArgumentException("Unable to convert text to UUID");
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
            lo = (lo << 8) | (bytes[8 + i] & 0xff);
        }
        return new UUID(hi, lo);
    }

    public static boolean isValid(String id) {
        try {
            decode(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The same check as a PostgreSQL regular expression, for sys.wait_for_job. */
    public static final String SQL_PATTERN = "^[a-z2-7]{25}[aeimquy4]$";

}
