package io.dsqlkit.local.gateway.session;

import java.util.concurrent.TimeUnit;

/**
 * When the {@link OccArbiter} asks PostgreSQL whether a session's work in flight waits for another
 * session's lock: {@link #FIRST_NANOS} after the backend became busy, again at {@link #SECOND_NANOS},
 * then every {@link #PERIOD_NANOS} until it is idle. Nearly every statement finishes before the first
 * check, so a session costs the arbiter no query at all; a wait is found within 1 to 4 ms of starting.
 * Missed checks (the arbiter was late) are skipped, never made up in a burst. One per session, used
 * by the arbiter's thread only.
 */
final class OccCheckSchedule {
    static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long SECOND_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

    /** The busy period being followed (its start), 0 when idle. */
    private long since;
    /** When the next check is due (System.nanoTime). */
    private long next;

    /**
     * Whether a check is due at {@code now} for work in flight since {@code busySince} (0 = idle);
     * when it is, the schedule moves on to the next check after {@code now}.
     */
    boolean due(long busySince, long now) {
        if (busySince == 0) {
            since = 0;
            return false;
        }
        if (busySince != since) {
            since = busySince;
            next = busySince + FIRST_NANOS;
        }
        if (now - next < 0) return false;
        next = since + offsetAfter(now - since);
        return true;
    }

    /** Nanoseconds from {@code now} to the next check (0 when idle or overdue). */
    long nanosToNext(long now) {
        return since == 0 ? 0 : Math.max(0, next - now);
    }

    /** The first check offset (from the start of the busy period) strictly after {@code elapsed}. */
    static long offsetAfter(long elapsed) {
        if (elapsed < FIRST_NANOS) return FIRST_NANOS;
        if (elapsed < SECOND_NANOS) return SECOND_NANOS;
        return SECOND_NANOS + ((elapsed - SECOND_NANOS) / PERIOD_NANOS + 1) * PERIOD_NANOS;
    }
}
