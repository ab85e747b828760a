package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dsqlkit.local.gateway.protocol.Wire.*;

/**
 * Messages a client sends (PostgreSQL protocol 3.0, "Message Formats"). Each record decodes its body
 * (the bytes after type and length) and encodes it back; {@link #encode(ByteBuf)} adds the framing.
 * Startup-phase messages have no type byte ({@link #type()} is 0).
 */
public sealed interface FrontendMessage {
    int PROTOCOL_3_0 = 196608;
    int SSL_REQUEST_CODE = 80877103;
    int GSSENC_REQUEST_CODE = 80877104;
    int CANCEL_REQUEST_CODE = 80877102;

    /** The type byte, or 0 for the untyped startup-phase messages. */
    byte type();

    void encodeBody(ByteBuf out);

    /** Type byte (if any), int32 length including itself, body. */
    default void encode(ByteBuf out) {
        if (type() != 0) out.writeByte(type());
        int lenAt = out.writerIndex();
        out.writeInt(0);
        encodeBody(out);
        out.setInt(lenAt, out.writerIndex() - lenAt);
    }

    /** Decodes a typed message body. */
    static FrontendMessage decode(byte type, ByteBuf body) {
        FrontendMessage m = switch (type) {
            case FrontendType.QUERY -> Query.decode(body);
            case FrontendType.PARSE -> Parse.decode(body);
            case FrontendType.BIND -> Bind.decode(body);
            case FrontendType.DESCRIBE -> Describe.decode(body);
            case FrontendType.EXECUTE -> Execute.decode(body);
            case FrontendType.SYNC -> Sync.INSTANCE;
            case FrontendType.FLUSH -> Flush.INSTANCE;
            case FrontendType.CLOSE -> Close.decode(body);
            case FrontendType.TERMINATE -> Terminate.INSTANCE;
            case FrontendType.PASSWORD -> PasswordMessage.decode(body);
            case FrontendType.COPY_DATA -> CopyData.decode(body);
            case FrontendType.COPY_DONE -> CopyDone.INSTANCE;
            case FrontendType.COPY_FAIL -> CopyFail.decode(body);
            case FrontendType.FUNCTION_CALL -> FunctionCall.decode(body);
            default -> throw new ProtocolException("invalid frontend message type " + (type & 0xFF));
        };
        end(body);
        return m;
    }

    /** Decodes an untyped startup-phase body (after the length word). */
    static FrontendMessage decodeStartup(ByteBuf body) {
        int code = readInt(body);
        FrontendMessage m = switch (code) {
            case SSL_REQUEST_CODE -> SslRequest.INSTANCE;
            case GSSENC_REQUEST_CODE -> GssEncRequest.INSTANCE;
            case CANCEL_REQUEST_CODE -> CancelRequest.decode(body);
            default -> {
                if ((code >>> 16) != 3) throw new ProtocolException("unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xFFFF));
                yield StartupMessage.decode(code, body);
            }
        };
        end(body);
        return m;
    }

    record StartupMessage(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
        public StartupMessage {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        static StartupMessage decode(int version, ByteBuf in) {
            Map<String, String> p = new LinkedHashMap<>();
            while (true) {
                String k = readCString(in);
                if (k.isEmpty()) break;
                p.put(k, readCString(in));
            }
            return new StartupMessage(version, p);
        }

        public byte type() {
            return 0;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(protocolVersion);
            parameters.forEach((k, v) -> {
                writeCString(out, k);
                writeCString(out, v);
            });
            out.writeByte(0);
        }
    }

    record SslRequest() implements FrontendMessage {
        public static final SslRequest INSTANCE = new SslRequest();

        public byte type() {
            return 0;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(SSL_REQUEST_CODE);
        }
    }

    record GssEncRequest() implements FrontendMessage {
        public static final GssEncRequest INSTANCE = new GssEncRequest();

        public byte type() {
            return 0;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(GSSENC_REQUEST_CODE);
        }
    }

    record CancelRequest(int processId, int secretKey) implements FrontendMessage {
        static CancelRequest decode(ByteBuf in) {
            return new CancelRequest(readInt(in), readInt(in));
        }

        public byte type() {
            return 0;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(CANCEL_REQUEST_CODE);
            out.writeInt(processId);
            out.writeInt(secretKey);
        }
    }

    /** Cleartext password (the only password flow the gateway requests). Never log its content. */
    record PasswordMessage(String password) implements FrontendMessage {
        static PasswordMessage decode(ByteBuf in) {
            return new PasswordMessage(readCString(in));
        }

        public byte type() {
            return FrontendType.PASSWORD;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, password);
        }

        @Override
        public String toString() {
            return "PasswordMessage[***]";
        }
    }

    record Query(String sql) implements FrontendMessage {
        static Query decode(ByteBuf in) {
            return new Query(readCString(in));
        }

        public byte type() {
            return FrontendType.QUERY;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, sql);
        }
    }

    record Parse(String name, String sql, List<Integer> parameterTypes) implements FrontendMessage {
        public Parse {
            parameterTypes = List.copyOf(parameterTypes);
        }

        static Parse decode(ByteBuf in) {
            return new Parse(readCString(in), readCString(in), readInts16Count(in));
        }

        public byte type() {
            return FrontendType.PARSE;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, name);
            writeCString(out, sql);
            writeInts16Count(out, parameterTypes);
        }
    }

    /** {@code parameters} entries are null for SQL NULL. */
    record Bind(String portal, String statement, List<Integer> parameterFormats, List<Bytes> parameters,
                List<Integer> resultFormats) implements FrontendMessage {
        public Bind {
            parameterFormats = List.copyOf(parameterFormats);
            parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
            resultFormats = List.copyOf(resultFormats);
        }

        static Bind decode(ByteBuf in) {
            String portal = readCString(in);
            String stmt = readCString(in);
            List<Integer> pf = readShorts(in);
            int n = readCount16(in, 4);
            List<Bytes> params = new ArrayList<>(n);
            for (int i = 0; i < n; i++) params.add(readNullableBytes(in));
            return new Bind(portal, stmt, pf, params, readShorts(in));
        }

        public byte type() {
            return FrontendType.BIND;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, portal);
            writeCString(out, statement);
            writeShorts(out, parameterFormats);
            out.writeShort(parameters.size());
            for (Bytes b : parameters) writeNullableBytes(out, b);
            writeShorts(out, resultFormats);
        }
    }

    /**
     * What names a Bind's target, its portal and prepared statement, read without its parameters (all the gateway
     * needs of it: the parameters go to PostgreSQL unread, which checks them).
     */
    record BindTarget(String portal, String statement) {
        public static BindTarget decode(ByteBuf body) {
            String portal = readCString(body);
            return new BindTarget(portal, readCString(body));
        }
    }

    /** {@code kind} is 'S' (prepared statement) or 'P' (portal). */
    record Describe(char kind, String name) implements FrontendMessage {
        static Describe decode(ByteBuf in) {
            char k = (char) readByte(in);
            if (k != 'S' && k != 'P') throw new ProtocolException("invalid DESCRIBE message subtype " + (int) k);
            return new Describe(k, readCString(in));
        }

        public byte type() {
            return FrontendType.DESCRIBE;
        }

        public void encodeBody(ByteBuf out) {
            out.writeByte(kind);
            writeCString(out, name);
        }
    }

    record Execute(String portal, int maxRows) implements FrontendMessage {
        static Execute decode(ByteBuf in) {
            return new Execute(readCString(in), readInt(in));
        }

        public byte type() {
            return FrontendType.EXECUTE;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, portal);
            out.writeInt(maxRows);
        }
    }

    record Sync() implements FrontendMessage {
        public static final Sync INSTANCE = new Sync();

        public byte type() {
            return FrontendType.SYNC;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record Flush() implements FrontendMessage {
        public static final Flush INSTANCE = new Flush();

        public byte type() {
            return FrontendType.FLUSH;
        }

        public void encodeBody(ByteBuf out) {}
    }

    /** {@code kind} is 'S' (prepared statement) or 'P' (portal). */
    record Close(char kind, String name) implements FrontendMessage {
        static Close decode(ByteBuf in) {
            char k = (char) readByte(in);
            if (k != 'S' && k != 'P') throw new ProtocolException("invalid CLOSE message subtype " + (int) k);
            return new Close(k, readCString(in));
        }

        public byte type() {
            return FrontendType.CLOSE;
        }

        public void encodeBody(ByteBuf out) {
            out.writeByte(kind);
            writeCString(out, name);
        }
    }

    record Terminate() implements FrontendMessage {
        public static final Terminate INSTANCE = new Terminate();

        public byte type() {
            return FrontendType.TERMINATE;
        }

        public void encodeBody(ByteBuf out) {}
    }

    /** Shared by both directions (type 'd'). */
    record CopyData(Bytes data) implements FrontendMessage, BackendMessage {
        static CopyData decode(ByteBuf in) {
            return new CopyData(readRest(in));
        }

        @Override
        public void encode(ByteBuf out) {
            FrontendMessage.super.encode(out);
        }

        public byte type() {
            return FrontendType.COPY_DATA;
        }

        public void encodeBody(ByteBuf out) {
            writeBytes(out, data);
        }
    }

    /** Shared by both directions (type 'c'). */
    record CopyDone() implements FrontendMessage, BackendMessage {
        public static final CopyDone INSTANCE = new CopyDone();

        @Override
        public void encode(ByteBuf out) {
            FrontendMessage.super.encode(out);
        }

        public byte type() {
            return FrontendType.COPY_DONE;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record CopyFail(String message) implements FrontendMessage {
        static CopyFail decode(ByteBuf in) {
            return new CopyFail(readCString(in));
        }

        public byte type() {
            return FrontendType.COPY_FAIL;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, message);
        }
    }

    record FunctionCall(int functionOid, List<Integer> argumentFormats, List<Bytes> arguments, int resultFormat)
            implements FrontendMessage {
        public FunctionCall {
            argumentFormats = List.copyOf(argumentFormats);
            arguments = java.util.Collections.unmodifiableList(new ArrayList<>(arguments));
        }

        static FunctionCall decode(ByteBuf in) {
            int oid = readInt(in);
            List<Integer> af = readShorts(in);
            int n = readCount16(in, 4);
            List<Bytes> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) args.add(readNullableBytes(in));
            return new FunctionCall(oid, af, args, readShort(in));
        }

        public byte type() {
            return FrontendType.FUNCTION_CALL;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(functionOid);
            writeShorts(out, argumentFormats);
            out.writeShort(arguments.size());
            for (Bytes b : arguments) writeNullableBytes(out, b);
            out.writeShort(resultFormat);
        }
    }
}
