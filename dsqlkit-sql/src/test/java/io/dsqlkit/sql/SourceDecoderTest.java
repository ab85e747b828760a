package io.dsqlkit.sql;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SourceDecoderTest {

    private static SourceDecoder.Decoded decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return SourceDecoder.decode(b);
    }

    @Test
    void decodesUtf8IncludingFourByteSequences() {
        String sql = "SELECT 'héllo ✓ 😀';";
        SourceDecoder.Decoded d = SourceDecoder.decode(sql.getBytes(StandardCharsets.UTF_8));
        assertThat(d).isEqualTo(new SourceDecoder.Text(sql, false));
    }

    @Test
    void stripsAndRemembersTheByteOrderMark() {
        SourceDecoder.Decoded d = decode(0xEF, 0xBB, 0xBF, 'S', ';');
        assertThat(d).isEqualTo(new SourceDecoder.Text("S;", true));
    }

    @Test
    void nulBytesMeanBinary() {
        assertThat(decode('S', 0, 'x')).isInstanceOf(SourceDecoder.Rejected.class)
                .extracting(r -> ((SourceDecoder.Rejected) r).reason()).asString().startsWith("binary file");
    }

    @Test
    void invalidUtf8IsReportedWithItsByteOffsetAndLine() {
        // Latin-1 'é' (0xE9) on line 2, byte 9
        SourceDecoder.Decoded d = decode('S', 'E', 'L', ';', '\n', 'x', ' ', '\'', '\'', 0xE9, '\'');
        assertThat(((SourceDecoder.Rejected) d).reason()).startsWith("not valid UTF-8 at byte 9 (line 2)");
    }

    @Test
    void rejectsOverlongSurrogateTruncatedAndOutOfRangeSequences() {
        assertThat(SourceDecoder.firstInvalidUtf8(bytes(0xC0, 0xAF), 0)).isEqualTo(0);            // overlong '/'
        assertThat(SourceDecoder.firstInvalidUtf8(bytes('a', 0xE0, 0x80, 0xAF), 0)).isEqualTo(1); // overlong 3-byte
        assertThat(SourceDecoder.firstInvalidUtf8(bytes(0xED, 0xA0, 0x80), 0)).isEqualTo(0);      // surrogate D800
        assertThat(SourceDecoder.firstInvalidUtf8(bytes('a', 'b', 0xE2, 0x9C), 0)).isEqualTo(2);  // truncated
        assertThat(SourceDecoder.firstInvalidUtf8(bytes(0xF4, 0x90, 0x80, 0x80), 0)).isEqualTo(0); // > U+10FFFF
        assertThat(SourceDecoder.firstInvalidUtf8(bytes(0xE2, 0x9C, 0x93), 0)).isEqualTo(-1);     // ✓
        assertThat(SourceDecoder.firstInvalidUtf8(bytes(0xE2, 0x28, 0xA1), 0)).isEqualTo(0);      // bad continuation
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }
}
