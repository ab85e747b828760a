package io.dsqlkit.cli.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * Calls {@code onEof} once when the wrapped stream ends, so the stdio server exits when its client
 * goes away. The end of the stream is then held back from the reader until {@link #releaseEof()}:
 * the SDK closes its transport as soon as it reads EOF, which would drop the answers to requests a
 * scripted client sent just before closing stdin.
 */
final class EofSignallingInputStream extends FilterInputStream {
    private final Runnable onEof;
    private final CountDownLatch released = new CountDownLatch(1);
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

    /** Lets the reader see the end of the stream. */
    void releaseEof() {
        released.countDown();
    }

    private void eof() throws IOException {
        synchronized (this) {
            if (!signalled) {
                signalled = true;
                onEof.run();
            }
        }
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while holding end of input", e);
        }
    }
}
