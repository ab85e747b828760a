package io.dsqlkit.mcp.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Calls {@code onEof} once when the wrapped stream ends, so the stdio server exits when its client goes away. */
final class EofSignallingInputStream extends FilterInputStream {
    private final Runnable onEof;
    private boolean signalled;

    EofSignallingInputStream(InputStream in, Runnable onEof) {
        super(in);
        this.onEof = onEof;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) eof();
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) eof();
        return n;
    }

    private synchronized void eof() {
        if (!signalled) {
            signalled = true;
            onEof.run();
        }
    }
}
