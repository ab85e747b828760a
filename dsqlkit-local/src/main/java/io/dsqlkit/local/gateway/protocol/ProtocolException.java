package io.dsqlkit.local.gateway.protocol;

/** Malformed protocol input: the connection answers 08P01 and closes (PostgreSQL's protocol_violation). */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
