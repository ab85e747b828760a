package io.dsqlkit.local.gateway.protocol;

/**
 * Type bytes of messages the client sends (PostgreSQL protocol 3.0, "Message Formats"). The same
 * byte means a different message in the other direction ({@code 'D'} is Describe here and DataRow
 * from the server, {@code 'E'} Execute here and ErrorResponse there): code that switches on a frame's
 * type names the direction by using this class or {@link BackendType}, never a bare character.
 */
public final class FrontendType {
    public static final byte QUERY = 'Q';
    public static final byte PARSE = 'P';
    public static final byte BIND = 'B';
    public static final byte DESCRIBE = 'D';
    public static final byte EXECUTE = 'E';
    public static final byte SYNC = 'S';
    public static final byte FLUSH = 'H';
    public static final byte CLOSE = 'C';
    public static final byte TERMINATE = 'X';
    /** PasswordMessage (also SASL responses, which the gateway does not ask for). */
    public static final byte PASSWORD = 'p';
    public static final byte COPY_DATA = 'd';
    public static final byte COPY_DONE = 'c';
    public static final byte COPY_FAIL = 'f';
    public static final byte FUNCTION_CALL = 'F';

    private FrontendType() {}

    /** CopyData, CopyDone or CopyFail: the client's half of COPY FROM STDIN. */
    public static boolean isCopy(byte type) {
        return type == COPY_DATA || type == COPY_DONE || type == COPY_FAIL;
    }
}
