package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** decode(encode(m)) == m for every message type, and decoding arbitrary bytes never fails any other way. */
class CodecProperties {
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0001', '\u07ff').ofMaxLength(40);
    }

    static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::of);
    }

    static Arbitrary<Bytes> nullableBytes() {
        return bytes().injectNull(0.2);
    }

    static Arbitrary<Integer> i16() {
        return Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE);
    }

    @Provide
    Arbitrary<FrontendMessage> frontend() {
        return Arbitraries.oneOf(List.of(
                text().map(FrontendMessage.Query::new),
                Combinators.combine(text(), text(), Arbitraries.integers().list().ofMaxSize(5)).as(FrontendMessage.Parse::new),
                Combinators.combine(text(), text(), i16().list().ofMaxSize(4), nullableBytes().list().ofMaxSize(4), i16().list().ofMaxSize(4))
                        .as(FrontendMessage.Bind::new),
                Combinators.combine(Arbitraries.of('S', 'P'), text()).as(FrontendMessage.Describe::new),
                Combinators.combine(Arbitraries.of('S', 'P'), text()).as(FrontendMessage.Close::new),
                Combinators.combine(text(), Arbitraries.integers()).as(FrontendMessage.Execute::new),
                Arbitraries.of(FrontendMessage.Sync.INSTANCE, FrontendMessage.Flush.INSTANCE, FrontendMessage.Terminate.INSTANCE,
                        FrontendMessage.CopyDone.INSTANCE),
                text().map(FrontendMessage.PasswordMessage::new),
                bytes().map(FrontendMessage.CopyData::new),
                text().map(FrontendMessage.CopyFail::new),
                Combinators.combine(Arbitraries.integers(), i16().list().ofMaxSize(3), nullableBytes().list().ofMaxSize(3), i16())
                        .as(FrontendMessage.FunctionCall::new)));
    }

    @Provide
    Arbitrary<FrontendMessage> startup() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(FrontendMessage.SslRequest.INSTANCE, FrontendMessage.GssEncRequest.INSTANCE),
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(FrontendMessage.CancelRequest::new),
                Arbitraries.maps(text().filter(s -> !s.isEmpty()), text()).ofMaxSize(4)
                        .map(m -> new FrontendMessage.StartupMessage(FrontendMessage.PROTOCOL_3_0, m))));
    }

    @Provide
    Arbitrary<BackendMessage> backend() {
        var column = Combinators.combine(text(), Arbitraries.integers(), i16(), Arbitraries.integers(), i16(), Arbitraries.integers(), i16())
                .as(BackendMessage.Column::new);
        var field = Combinators.combine(Arbitraries.chars().range('A', 'z'), text()).as(BackendMessage.Field::new);
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(BackendMessage.AuthenticationOk.INSTANCE, BackendMessage.AuthenticationCleartextPassword.INSTANCE,
                        BackendMessage.EmptyQueryResponse.INSTANCE, BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                        BackendMessage.CloseComplete.INSTANCE, BackendMessage.NoData.INSTANCE, BackendMessage.PortalSuspended.INSTANCE),
                Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> new BackendMessage.AuthenticationMd5Password(Bytes.of(b))),
                text().filter(s -> !s.isEmpty()).list().ofMaxSize(3).map(BackendMessage.AuthenticationSasl::new),
                bytes().map(BackendMessage.AuthenticationSaslContinue::new),
                bytes().map(BackendMessage.AuthenticationSaslFinal::new),
                Combinators.combine(text(), text()).as(BackendMessage.ParameterStatus::new),
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers()).as(BackendMessage.BackendKeyData::new),
                Arbitraries.of('I', 'T', 'E').map(BackendMessage.ReadyForQuery::new),
                column.list().ofMaxSize(4).map(BackendMessage.RowDescription::new),
                nullableBytes().list().ofMaxSize(5).map(BackendMessage.DataRow::new),
                text().map(BackendMessage.CommandComplete::new),
                field.list().ofMaxSize(5).map(BackendMessage.ErrorResponse::new),
                field.list().ofMaxSize(5).map(BackendMessage.NoticeResponse::new),
                Arbitraries.integers().list().ofMaxSize(5).map(BackendMessage.ParameterDescription::new),
                Combinators.combine(Arbitraries.bytes(), i16().list().ofMaxSize(3)).as(BackendMessage.CopyInResponse::new),
                Combinators.combine(Arbitraries.bytes(), i16().list().ofMaxSize(3)).as(BackendMessage.CopyOutResponse::new),
                Combinators.combine(Arbitraries.bytes(), i16().list().ofMaxSize(3)).as(BackendMessage.CopyBothResponse::new),
                nullableBytes().map(BackendMessage.FunctionCallResponse::new),
                Combinators.combine(Arbitraries.integers(), text().list().ofMaxSize(3)).as(BackendMessage.NegotiateProtocolVersion::new),
                Combinators.combine(Arbitraries.integers(), text(), text()).as(BackendMessage.NotificationResponse::new)));
    }

    @Property(tries = 500)
    void frontendRoundTrips(@ForAll("frontend") FrontendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        byte type = b.readByte();
        int len = b.readInt();
        assertThat(len).isEqualTo(b.readableBytes() + 4);
        assertThat(FrontendMessage.decode(type, b)).isEqualTo(m);
    }

    @Property(tries = 200)
    void startupRoundTrips(@ForAll("startup") FrontendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        int len = b.readInt();
        assertThat(len).isEqualTo(b.readableBytes() + 4);
        assertThat(FrontendMessage.decodeStartup(b)).isEqualTo(m);
    }

    @Property(tries = 500)
    void backendRoundTrips(@ForAll("backend") BackendMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        byte type = b.readByte();
        int len = b.readInt();
        assertThat(len).isEqualTo(b.readableBytes() + 4);
        assertThat(BackendMessage.decode(type, b)).isEqualTo(m);
    }

    @Property(tries = 1000)
    void arbitraryBodiesDecodeOrFailWithAProtocolError(@ForAll byte type, @ForAll byte[] body) {
        try {
            FrontendMessage.decode(type, Unpooled.wrappedBuffer(body));
        } catch (ProtocolException expected) {
            // the only acceptable failure: answered with 08P01
        }
        try {
            FrontendMessage.decodeStartup(Unpooled.wrappedBuffer(body));
        } catch (ProtocolException expected) {
            // idem
        }
    }
}
