package io.dsqlkit.migrate.progress;

import java.io.PrintStream;

/**
 * Draws a one-line progress bar on stderr when it is a terminal (stdout stays for results); when
 * not a terminal, prints nothing until {@link #done()}, which prints the final line.
 */
public final class TerminalProgressBar implements ProgressListener {
    private final PrintStream out;
    private final boolean tty;
    private Progress last;

    public TerminalProgressBar(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    public static TerminalProgressBar stderr() {
        return new TerminalProgressBar(System.err, System.console() != null);
    }

    @Override
    public synchronized void onProgress(Progress p) {
        last = p;
        if (!tty) return;
        StringBuilder bar = new StringBuilder("\r");
        if (p.total() > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * p.done() / Math.max(1, p.total()));
            bar.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
        }
        bar.append(p.describe()).append("   ");
        out.print(bar);
        out.flush();
    }

    public synchronized void done() {
        if (last == null) return;
        if (tty) out.println();
        else out.println(last.describe());
    }
}
