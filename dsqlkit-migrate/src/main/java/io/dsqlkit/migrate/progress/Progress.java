package io.dsqlkit.migrate.progress;

import java.time.Duration;

/**
 * A snapshot of long-running work: units done of total (total -1 when unknown), the rate since the
 * start, and the estimated time left (null when unknown).
 */
public record Progress(String what, long done, long total, double perSecond, Duration eta) {
    public String describe() {
        StringBuilder sb = new StringBuilder(what).append(": ").append(done);
        if (total >= 0) sb.append('/').append(total);
        sb.append(String.format(" rows, %.0f rows/s", perSecond));
        if (eta != null) sb.append(", ETA ").append(format(eta));
        return sb.toString();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
