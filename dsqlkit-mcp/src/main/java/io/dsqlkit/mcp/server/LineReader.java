package io.dsqlkit.mcp.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Newline-delimited UTF-8 lines from a byte stream, as MCP's stdio transport frames its messages: a line ends at
 * {@code \n}, and a {@code \r} before it is dropped. Each fill is one {@code read} of the stream and nothing else:
 * {@code BufferedReader} over {@code InputStreamReader} asks the stream for {@code available()} after every read it
 * cannot fill, and on stdin each of those is two system calls ({@code fstat} and {@code ioctl(FIONREAD)}), four
 * per request. Malformed UTF-8 becomes U+FFFD, as there. Not thread-safe: one reader at a time, as in
 * {@link StdioTransport}'s leader/follower loop, whose hand-off orders the reads.
 */
final class LineReader implements Closeable {
    private static final int INITIAL = 8192;
    /** A buffer grown past this by one long line is let go once that line has been read. */
    private static final int KEEP = 1 << 20;

    private final InputStream in;
    private byte[] buf = new byte[INITIAL];
    private int start;
    private int end;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the stream (a last unterminated line first). */
    String readLine() throws IOException {
        int scanned = start;
        for (;;) {
            for (int i = scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    String line = decode(start, i);
                    start = i + 1;
                    if (start == end) {
                        start = end = 0;
                        if (buf.length > KEEP) buf = new byte[INITIAL];
                    }
                    return line;
                }
            }
            if (start > 0) { // make room at the end: move the partial line to the front
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            scanned = end;
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                if (start == end) return null;
                String last = decode(start, end);
                start = end = 0;
                return last;
            }
            end += n;
        }
    }

    private String decode(int from, int to) {
        if (to > from && buf[to - 1] == '\r') to--;
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
