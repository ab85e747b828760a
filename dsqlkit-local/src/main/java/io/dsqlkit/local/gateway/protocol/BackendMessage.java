package io.dsqlkit.local.gateway.protocol;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

import static io.dsqlkit.local.gateway.protocol.Wire.*;

/**
 * Messages the server sends (PostgreSQL protocol 3.0). Each record decodes its body and encodes it
 * back; {@link #encode(ByteBuf)} adds type byte and length.
 */
public sealed interface BackendMessage permits BackendMessage.AuthenticationOk, BackendMessage.AuthenticationCleartextPassword,
        BackendMessage.AuthenticationMd5Password, BackendMessage.AuthenticationSasl, BackendMessage.AuthenticationSaslContinue,
        BackendMessage.AuthenticationSaslFinal, BackendMessage.ParameterStatus, BackendMessage.BackendKeyData,
        BackendMessage.ReadyForQuery, BackendMessage.RowDescription, BackendMessage.DataRow, BackendMessage.CommandComplete,
        BackendMessage.EmptyQueryResponse, BackendMessage.ErrorResponse, BackendMessage.NoticeResponse,
        BackendMessage.ParseComplete, BackendMessage.BindComplete, BackendMessage.CloseComplete, BackendMessage.NoData,
        BackendMessage.ParameterDescription, BackendMessage.PortalSuspended, BackendMessage.CopyInResponse,
        BackendMessage.CopyOutResponse, BackendMessage.CopyBothResponse, FrontendMessage.CopyData, FrontendMessage.CopyDone,
        BackendMessage.FunctionCallResponse, BackendMessage.NegotiateProtocolVersion, BackendMessage.NotificationResponse {

    byte type();

    void encodeBody(ByteBuf out);

    default void encode(ByteBuf out) {
        out.writeByte(type());
        int lenAt = out.writerIndex();
        out.writeInt(0);
        encodeBody(out);
        out.setInt(lenAt, out.writerIndex() - lenAt);
    }

    static BackendMessage decode(byte type, ByteBuf body) {
        BackendMessage m = switch (type) {
            case BackendType.AUTHENTICATION -> decodeAuthentication(body);
            case BackendType.PARAMETER_STATUS -> ParameterStatus.decode(body);
            case BackendType.BACKEND_KEY_DATA -> BackendKeyData.decode(body);
            case BackendType.READY_FOR_QUERY -> ReadyForQuery.decode(body);
            case BackendType.ROW_DESCRIPTION -> RowDescription.decode(body);
            case BackendType.DATA_ROW -> DataRow.decode(body);
            case BackendType.COMMAND_COMPLETE -> CommandComplete.decode(body);
            case BackendType.EMPTY_QUERY_RESPONSE -> EmptyQueryResponse.INSTANCE;
            case BackendType.ERROR_RESPONSE -> new ErrorResponse(Field.decodeAll(body));
            case BackendType.NOTICE_RESPONSE -> new NoticeResponse(Field.decodeAll(body));
            case BackendType.PARSE_COMPLETE -> ParseComplete.INSTANCE;
            case BackendType.BIND_COMPLETE -> BindComplete.INSTANCE;
            case BackendType.CLOSE_COMPLETE -> CloseComplete.INSTANCE;
            case BackendType.NO_DATA -> NoData.INSTANCE;
            case BackendType.PARAMETER_DESCRIPTION -> new ParameterDescription(readInts16Count(body));
            case BackendType.PORTAL_SUSPENDED -> PortalSuspended.INSTANCE;
            case BackendType.COPY_IN_RESPONSE -> new CopyInResponse(readByte(body), readShorts(body));
            case BackendType.COPY_OUT_RESPONSE -> new CopyOutResponse(readByte(body), readShorts(body));
            case BackendType.COPY_BOTH_RESPONSE -> new CopyBothResponse(readByte(body), readShorts(body));
            case BackendType.COPY_DATA -> FrontendMessage.CopyData.decode(body);
            case BackendType.COPY_DONE -> FrontendMessage.CopyDone.INSTANCE;
            case BackendType.FUNCTION_CALL_RESPONSE -> new FunctionCallResponse(readNullableBytes(body));
            case BackendType.NEGOTIATE_PROTOCOL_VERSION -> NegotiateProtocolVersion.decode(body);
            case BackendType.NOTIFICATION_RESPONSE -> new NotificationResponse(readInt(body), readCString(body), readCString(body));
            default -> throw new ProtocolException("invalid backend message type " + (type & 0xFF));
        };
        end(body);
        return m;
    }

    private static BackendMessage decodeAuthentication(ByteBuf in) {
        int code = readInt(in);
        return switch (code) {
            case 0 -> AuthenticationOk.INSTANCE;
            case 3 -> AuthenticationCleartextPassword.INSTANCE;
            case 5 -> new AuthenticationMd5Password(readBytes(in, 4));
            case 10 -> {
                List<String> mechs = new ArrayList<>();
                while (true) {
                    String s = readCString(in);
                    if (s.isEmpty()) break;
                    mechs.add(s);
                }
                yield new AuthenticationSasl(mechs);
            }
            case 11 -> new AuthenticationSaslContinue(readRest(in));
            case 12 -> new AuthenticationSaslFinal(readRest(in));
            default -> throw new ProtocolException("unsupported authentication request " + code);
        };
    }

    record AuthenticationOk() implements BackendMessage {
        public static final AuthenticationOk INSTANCE = new AuthenticationOk();

        public byte type() {
            return BackendType.AUTHENTICATION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(0);
        }
    }

    record AuthenticationCleartextPassword() implements BackendMessage {
        public static final AuthenticationCleartextPassword INSTANCE = new AuthenticationCleartextPassword();

        public byte type() {
            return BackendType.AUTHENTICATION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(3);
        }
    }

    record AuthenticationMd5Password(Bytes salt) implements BackendMessage {
        public AuthenticationMd5Password {
            if (salt.length() != 4) throw new IllegalArgumentException("MD5 salt must be 4 bytes");
        }

        public byte type() {
            return BackendType.AUTHENTICATION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(5);
            writeBytes(out, salt);
        }
    }

    record AuthenticationSasl(List<String> mechanisms) implements BackendMessage {
        public AuthenticationSasl {
            mechanisms = List.copyOf(mechanisms);
        }

        public byte type() {
            return BackendType.AUTHENTICATION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(10);
            for (String m : mechanisms) writeCString(out, m);
            out.writeByte(0);
        }
    }

    record AuthenticationSaslContinue(Bytes data) implements BackendMessage {
        public byte type() {
            return BackendType.AUTHENTICATION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(11);
            writeBytes(out, data);
        }
    }

    record AuthenticationSaslFinal(Bytes data) implements BackendMessage {
        public byte type() {
            return BackendType.AUTHENTICATION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(12);
            writeBytes(out, data);
        }
    }

    record ParameterStatus(String name, String value) implements BackendMessage {
        static ParameterStatus decode(ByteBuf in) {
            return new ParameterStatus(readCString(in), readCString(in));
        }

        public byte type() {
            return BackendType.PARAMETER_STATUS;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, name);
            writeCString(out, value);
        }
    }

    record BackendKeyData(int processId, int secretKey) implements BackendMessage {
        static BackendKeyData decode(ByteBuf in) {
            return new BackendKeyData(readInt(in), readInt(in));
        }

        public byte type() {
            return BackendType.BACKEND_KEY_DATA;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(processId);
            out.writeInt(secretKey);
        }
    }

    /** {@code status}: 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    record ReadyForQuery(char status) implements BackendMessage {
        public static final ReadyForQuery IDLE = new ReadyForQuery('I');

        static ReadyForQuery decode(ByteBuf in) {
            char s = (char) readByte(in);
            if (s != 'I' && s != 'T' && s != 'E') throw new ProtocolException("invalid transaction status " + (int) s);
            return new ReadyForQuery(s);
        }

        public byte type() {
            return BackendType.READY_FOR_QUERY;
        }

        public void encodeBody(ByteBuf out) {
            out.writeByte(status);
        }
    }

    record Column(String name, int tableOid, int columnNumber, int typeOid, int typeSize, int typeModifier, int format) {
        public static final int TEXT_OID = 25;

        public static Column text(String name) {
            return new Column(name, 0, 0, TEXT_OID, -1, -1, 0);
        }
    }

    record RowDescription(List<Column> columns) implements BackendMessage {
        public RowDescription {
            columns = List.copyOf(columns);
        }

        static RowDescription decode(ByteBuf in) {
            int n = readCount16(in, 19);
            List<Column> cols = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cols.add(new Column(readCString(in), readInt(in), readShort(in), readInt(in), readShort(in), readInt(in),
                        readShort(in)));
            }
            return new RowDescription(cols);
        }

        public byte type() {
            return BackendType.ROW_DESCRIPTION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeShort(columns.size());
            for (Column c : columns) {
                writeCString(out, c.name());
                out.writeInt(c.tableOid());
                out.writeShort(c.columnNumber());
                out.writeInt(c.typeOid());
                out.writeShort(c.typeSize());
                out.writeInt(c.typeModifier());
                out.writeShort(c.format());
            }
        }
    }

    /** {@code values} entries are null for SQL NULL. */
    record DataRow(List<Bytes> values) implements BackendMessage {
        public DataRow {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        static DataRow decode(ByteBuf in) {
            int n = readCount16(in, 4);
            List<Bytes> v = new ArrayList<>(n);
            for (int i = 0; i < n; i++) v.add(readNullableBytes(in));
            return new DataRow(v);
        }

        public static DataRow text(List<String> values) {
            List<Bytes> v = new ArrayList<>(values.size());
            for (String s : values) v.add(s == null ? null : Bytes.utf8(s));
            return new DataRow(v);
        }

        public byte type() {
            return BackendType.DATA_ROW;
        }

        public void encodeBody(ByteBuf out) {
            out.writeShort(values.size());
            for (Bytes b : values) writeNullableBytes(out, b);
        }
    }

    record CommandComplete(String tag) implements BackendMessage {
        static CommandComplete decode(ByteBuf in) {
            return new CommandComplete(readCString(in));
        }

        public byte type() {
            return BackendType.COMMAND_COMPLETE;
        }

        public void encodeBody(ByteBuf out) {
            writeCString(out, tag);
        }
    }

    record EmptyQueryResponse() implements BackendMessage {
        public static final EmptyQueryResponse INSTANCE = new EmptyQueryResponse();

        public byte type() {
            return BackendType.EMPTY_QUERY_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {}
    }

    /** One field of an ErrorResponse/NoticeResponse, e.g. code 'C' (SQLSTATE), 'M' (message). */
    record Field(char code, String value) {
        static List<Field> decodeAll(ByteBuf in) {
            List<Field> fields = new ArrayList<>();
            while (true) {
                byte code = readByte(in);
                if (code == 0) break;
                fields.add(new Field((char) code, readCString(in)));
            }
            return List.copyOf(fields);
        }

        static void encodeAll(ByteBuf out, List<Field> fields) {
            for (Field f : fields) {
                out.writeByte(f.code());
                writeCString(out, f.value());
            }
            out.writeByte(0);
        }
    }

    record ErrorResponse(List<Field> fields) implements BackendMessage {
        public ErrorResponse {
            fields = List.copyOf(fields);
        }

        /** An ERROR (or FATAL) with SQLSTATE, message and optional detail and hint. */
        public static ErrorResponse of(String severity, String sqlstate, String message, String detail, String hint) {
            List<Field> f = new ArrayList<>();
            f.add(new Field('S', severity));
            f.add(new Field('V', severity));
            f.add(new Field('C', sqlstate));
            f.add(new Field('M', message));
            if (detail != null) f.add(new Field('D', detail));
            if (hint != null) f.add(new Field('H', hint));
            return new ErrorResponse(f);
        }

        public String field(char code) {
            for (Field f : fields) if (f.code() == code) return f.value();
            return null;
        }

        public String sqlstate() {
            return field('C');
        }

        public String message() {
            return field('M');
        }

        public byte type() {
            return BackendType.ERROR_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            Field.encodeAll(out, fields);
        }
    }

    record NoticeResponse(List<Field> fields) implements BackendMessage {
        public NoticeResponse {
            fields = List.copyOf(fields);
        }

        public byte type() {
            return BackendType.NOTICE_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            Field.encodeAll(out, fields);
        }
    }

    record ParseComplete() implements BackendMessage {
        public static final ParseComplete INSTANCE = new ParseComplete();

        public byte type() {
            return BackendType.PARSE_COMPLETE;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record BindComplete() implements BackendMessage {
        public static final BindComplete INSTANCE = new BindComplete();

        public byte type() {
            return BackendType.BIND_COMPLETE;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record CloseComplete() implements BackendMessage {
        public static final CloseComplete INSTANCE = new CloseComplete();

        public byte type() {
            return BackendType.CLOSE_COMPLETE;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record NoData() implements BackendMessage {
        public static final NoData INSTANCE = new NoData();

        public byte type() {
            return BackendType.NO_DATA;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record ParameterDescription(List<Integer> typeOids) implements BackendMessage {
        public ParameterDescription {
            typeOids = List.copyOf(typeOids);
        }

        public byte type() {
            return BackendType.PARAMETER_DESCRIPTION;
        }

        public void encodeBody(ByteBuf out) {
            writeInts16Count(out, typeOids);
        }
    }

    record PortalSuspended() implements BackendMessage {
        public static final PortalSuspended INSTANCE = new PortalSuspended();

        public byte type() {
            return BackendType.PORTAL_SUSPENDED;
        }

        public void encodeBody(ByteBuf out) {}
    }

    record CopyInResponse(byte format, List<Integer> columnFormats) implements BackendMessage {
        public CopyInResponse {
            columnFormats = List.copyOf(columnFormats);
        }

        public byte type() {
            return BackendType.COPY_IN_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            out.writeByte(format);
            writeShorts(out, columnFormats);
        }
    }

    record CopyOutResponse(byte format, List<Integer> columnFormats) implements BackendMessage {
        public CopyOutResponse {
            columnFormats = List.copyOf(columnFormats);
        }

        public byte type() {
            return BackendType.COPY_OUT_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            out.writeByte(format);
            writeShorts(out, columnFormats);
        }
    }

    record CopyBothResponse(byte format, List<Integer> columnFormats) implements BackendMessage {
        public CopyBothResponse {
            columnFormats = List.copyOf(columnFormats);
        }

        public byte type() {
            return BackendType.COPY_BOTH_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            out.writeByte(format);
            writeShorts(out, columnFormats);
        }
    }

    record FunctionCallResponse(Bytes result) implements BackendMessage {
        public byte type() {
            return BackendType.FUNCTION_CALL_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            writeNullableBytes(out, result);
        }
    }

    record NegotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) implements BackendMessage {
        public NegotiateProtocolVersion {
            unrecognizedOptions = List.copyOf(unrecognizedOptions);
        }

        static NegotiateProtocolVersion decode(ByteBuf in) {
            int minor = readInt(in);
            int n = readInt(in);
            if (n < 0 || n > in.readableBytes()) throw new ProtocolException("invalid option count " + n);
            List<String> opts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) opts.add(readCString(in));
            return new NegotiateProtocolVersion(minor, opts);
        }

        public byte type() {
            return BackendType.NEGOTIATE_PROTOCOL_VERSION;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(newestMinor);
            out.writeInt(unrecognizedOptions.size());
            for (String s : unrecognizedOptions) writeCString(out, s);
        }
    }

    record NotificationResponse(int processId, String channel, String payload) implements BackendMessage {
        public byte type() {
            return BackendType.NOTIFICATION_RESPONSE;
        }

        public void encodeBody(ByteBuf out) {
            out.writeInt(processId);
            writeCString(out, channel);
            writeCString(out, payload);
        }
    }
}
