package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte-exact encodings from the PostgreSQL protocol documentation ("Message Formats"). */
class CodecTest {
    static String hex(FrontendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        return HexFormat.of().formatHex(ByteBufUtil.getBytes(b));
    }

    static String hex(BackendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        return HexFormat.of().formatHex(ByteBufUtil.getBytes(b));
    }

    @Test
    void frontendMessagesAreByteExact() {
        assertThat(hex(new FrontendMessage.Query("SELECT 1"))).isEqualTo("51" + "0000000d" + "53454c4543542031" + "00");
        assertThat(hex(FrontendMessage.Sync.INSTANCE)).isEqualTo("5300000004");
        assertThat(hex(FrontendMessage.Terminate.INSTANCE)).isEqualTo("5800000004");
        assertThat(hex(FrontendMessage.SslRequest.INSTANCE)).isEqualTo("0000000804d2162f");
        assertThat(hex(FrontendMessage.GssEncRequest.INSTANCE)).isEqualTo("0000000804d21630");
        assertThat(hex(new FrontendMessage.CancelRequest(7, 9))).isEqualTo("0000001004d2162e0000000700000009");
        assertThat(hex(new FrontendMessage.Execute("", 0))).isEqualTo("45000000090000000000");
        assertThat(hex(new FrontendMessage.Parse("s1", "x", List.of(23)))).isEqualTo("500000000f" + "733100" + "7800" + "0001" + "00000017");
        assertThat(hex(new FrontendMessage.Bind("", "s1", List.of(0), java.util.Arrays.asList(Bytes.utf8("1"), null), List.of())))
                .isEqualTo("42" + "00000019" + "00" + "733100" + "0001" + "0000" + "0002" + "00000001" + "31" + "ffffffff" + "0000");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", "admin");
        assertThat(hex(new FrontendMessage.StartupMessage(FrontendMessage.PROTOCOL_3_0, p)))
                .isEqualTo("00000014" + "00030000" + "7573657200" + "61646d696e00" + "00");
    }

    @Test
    void backendMessagesAreByteExact() {
        assertThat(hex(BackendMessage.AuthenticationOk.INSTANCE)).isEqualTo("520000000800000000");
        assertThat(hex(BackendMessage.AuthenticationCleartextPassword.INSTANCE)).isEqualTo("520000000800000003");
        assertThat(hex(new BackendMessage.ReadyForQuery('I'))).isEqualTo("5a0000000549");
        assertThat(hex(new BackendMessage.CommandComplete("SHOW"))).isEqualTo("430000000953484f5700");
        assertThat(hex(new BackendMessage.BackendKeyData(1, 2))).isEqualTo("4b0000000c0000000100000002");
        assertThat(hex(BackendMessage.ErrorResponse.of("ERROR", "0A000", "x", null, null)))
                .isEqualTo("45" + "0000001d" + "534552524f5200" + "564552524f5200" + "433041303030" + "00" + "4d7800" + "00");
        assertThat(hex(BackendMessage.DataRow.text(java.util.Arrays.asList("ab", null))))
                .isEqualTo("44" + "00000010" + "0002" + "00000002" + "6162" + "ffffffff");
    }

    @Test
    void decodesWhatItEncodesAndRejectsTruncatedInput() {
        ByteBuf b = Unpooled.buffer();
        new FrontendMessage.Parse("n", "SELECT $1", List.of(25)).encodeBody(b);
        assertThat(FrontendMessage.decode((byte) 'P', b)).isEqualTo(new FrontendMessage.Parse("n", "SELECT $1", List.of(25)));
        ByteBuf truncated = Unpooled.wrappedBuffer(new byte[] {'n', 0, 'S'});
        assertThatThrownBy(() -> FrontendMessage.decode((byte) 'P', truncated)).isInstanceOf(ProtocolException.class);
        ByteBuf hugeCount = Unpooled.wrappedBuffer(new byte[] {0, 0, 0x7f, (byte) 0xff});
        assertThatThrownBy(() -> FrontendMessage.decode((byte) 'B', hugeCount)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> FrontendMessage.decode((byte) '!', Unpooled.EMPTY_BUFFER)).isInstanceOf(ProtocolException.class);
        ByteBuf trailing = Unpooled.wrappedBuffer(new byte[] {1});
        assertThatThrownBy(() -> FrontendMessage.decode((byte) 'S', trailing)).isInstanceOf(ProtocolException.class);
    }
}
