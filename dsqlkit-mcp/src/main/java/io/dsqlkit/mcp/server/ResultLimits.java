package io.dsqlkit.mcp.server;

/**
 * How much of a result a tool call may send back. Rows are counted ({@code rowLimit} in
 * {@link ServerSettings}) and so are bytes: each value is cut at {@code valueBytes}, and the rows
 * of one result stop at {@code resultBytes} of JSON, counting every copy the response carries
 * (structured content and the text form). The defaults keep a response far below the 10 MiB at
 * which the official TypeScript client drops the connection.
 *
 * @param valueBytes  the most bytes (UTF-8 of the JSON text) one value may take; longer values are cut
 * @param resultBytes the most bytes the rows of one response may take, all copies included
 */
public record ResultLimits(int valueBytes, long resultBytes) {
    public static final int DEFAULT_VALUE_BYTES = 64 * 1024;
    public static final long DEFAULT_RESULT_BYTES = 4L * 1024 * 1024;
    /** The hard ceiling of any response: above this the official TypeScript client drops the connection. */
    public static final long CLIENT_MESSAGE_LIMIT = 10L * 1024 * 1024;

    public ResultLimits {
        if (valueBytes < 64) throw new IllegalArgumentException("the value byte limit must be >= 64, was " + valueBytes);
        if (resultBytes < valueBytes) {
            throw new IllegalArgumentException("the result byte limit (" + resultBytes + ") must be >= the value byte limit (" + valueBytes + ")");
        }
        if (resultBytes > CLIENT_MESSAGE_LIMIT / 2) {
            throw new IllegalArgumentException("the result byte limit must be <= " + CLIENT_MESSAGE_LIMIT / 2
                    + " (5 MiB): MCP clients drop messages over 10 MiB");
        }
    }

    public static ResultLimits defaults() {
        return new ResultLimits(DEFAULT_VALUE_BYTES, DEFAULT_RESULT_BYTES);
    }
}
