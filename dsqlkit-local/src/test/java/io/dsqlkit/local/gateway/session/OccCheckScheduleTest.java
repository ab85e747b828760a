package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.PassThroughBehaviour;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OCC arbiter's pieces that need no database: when it looks at work in flight (1 ms, 2 ms, then
 * every 4 ms), and how a doomed session's backend symptoms become 40001 OC000.
 */
class OccCheckScheduleTest {
    private static final long MS = 1_000_000L;

    /** The check times (ms after the start) a statement in flight for {@code forMs} gets, ticked every 0.5 ms. */
    private static List<Double> checks(long forMs) {
        OccCheckSchedule s = new OccCheckSchedule();
        long start = 1_000 * MS;
        List<Double> at = new ArrayList<>();
        for (long t = start; t <= start + forMs * MS; t += MS / 2) {
            if (s.due(start, t)) at.add((t - start) / (double) MS);
        }
        return at;
    }

    @Test
    void aStatementInFlightIsCheckedAfterOneMsThenTwoThenEveryFour() {
        assertThat(checks(0)).isEmpty();
        assertThat(checks(1)).containsExactly(1.0);
        assertThat(checks(15)).containsExactly(1.0, 2.0, 6.0, 10.0, 14.0);
    }

    @Test
    void aLateTickSkipsTheMissedChecksInsteadOfBursting() {
        OccCheckSchedule s = new OccCheckSchedule();
        long start = 5 * MS;
        assertThat(s.due(start, start + 13 * MS)).isTrue();
        assertThat(s.due(start, start + 13 * MS + MS / 2)).isFalse();
        assertThat(s.nanosToNext(start + 13 * MS)).isEqualTo(MS); // next at 14 ms
        assertThat(s.due(start, start + 14 * MS)).isTrue();
    }

    @Test
    void eachBusyPeriodStartsItsOwnScheduleAndIdleIsNeverChecked() {
        OccCheckSchedule s = new OccCheckSchedule();
        assertThat(s.due(0, 50 * MS)).isFalse();
        assertThat(s.due(10 * MS, 20 * MS)).isTrue(); // first check of the period starting at 10 ms
        assertThat(s.due(0, 21 * MS)).isFalse();
        assertThat(s.due(30 * MS, 30 * MS + MS / 2)).isFalse(); // a new period: not before 1 ms
        assertThat(s.due(30 * MS, 31 * MS)).isTrue();
    }

    @Test
    void offsetsAfterAnElapsedTimeFollowTheSchedule() {
        long[][] table = {
                // elapsed ms, next check ms
                {0, 1}, {1, 2}, {2, 6}, {5, 6}, {6, 10}, {9, 10}, {10, 14}, {101, 102},
        };
        for (long[] row : table) assertThat(OccCheckSchedule.offsetAfter(row[0] * MS)).as("after %d ms", row[0]).isEqualTo(row[1] * MS);
    }

    // ---------------------------------------------------------------- how a doom surfaces

    private final ErrorTranslator errors = new ErrorTranslator(new PassThroughBehaviour());

    /** What PostgreSQL answers a statement cancelled by pg_cancel_backend (or by the user). */
    private static final ErrorResponse CANCELLED = backend("57014", "canceling statement due to user request");

    /** A session in a transaction the OCC arbiter doomed. */
    private static SessionState doomedTransaction() {
        SessionState s = new SessionState(1, "admin");
        s.startTransaction(0);
        s.doomed = true;
        return s;
    }

    private static ErrorResponse backend(String sqlstate, String message) {
        return ErrorResponse.of("ERROR", sqlstate, message, null, null);
    }

    private static void assertOc000(ErrorResponse e) {
        assertThat(e).isNotNull();
        assertThat(e.sqlstate()).isEqualTo("40001");
        assertThat(e.message()).isEqualTo("change conflicts with another transaction (OC000)");
    }

    @Test
    void aDoomedTransactionsNextStatementFailsWithOc000OnceThenAsPostgresSays() {
        SessionState s = doomedTransaction();
        assertOc000(errors.translate(s, backend("25P02", "current transaction is aborted, commands ignored until end of transaction block")));
        assertThat(errors.translate(s, backend("25P02", "current transaction is aborted, commands ignored until end of transaction block"))).isNull();
    }

    @Test
    void aCancelledStatementOfADoomedTransactionFailsWithOc000() {
        SessionState s = doomedTransaction();
        s.occCancelSent(System.nanoTime());
        assertOc000(errors.translate(s, CANCELLED));
    }

    @Test
    void anOccCancelThatLandsOnTheNextTransactionsStatementIsOc000TooButOnlyOnce() {
        SessionState s = doomedTransaction();
        s.occCancelSent(System.nanoTime());
        s.endTransaction(); // the doomed transaction ended before the cancel arrived
        s.startTransaction(0);
        assertOc000(errors.translate(s, CANCELLED));
        // A later cancel is the user's own (or a statement timeout): PostgreSQL's words.
        assertThat(errors.translate(s, CANCELLED)).isNull();
    }

    @Test
    void twoOccCancelsInFlightAreBothOc000() {
        SessionState s = doomedTransaction();
        s.occCancelSent(System.nanoTime());
        s.occCancelSent(System.nanoTime()); // the session was still busy a few ms later: cancelled again
        assertOc000(errors.translate(s, CANCELLED));
        s.endTransaction();
        s.startTransaction(0); // the client retried; the second cancel lands on its statement
        assertOc000(errors.translate(s, CANCELLED));
        assertThat(errors.translate(s, CANCELLED)).isNull();
    }

    @Test
    void anOccCancelPostgresqlDroppedIsForgottenAfterTheWindow() {
        SessionState s = new SessionState(1, "admin");
        s.startTransaction(0);
        s.occCancelSent(System.nanoTime() - SessionState.OCC_CANCEL_WINDOW_NANOS - 1);
        assertThat(errors.translate(s, CANCELLED)).isNull();
    }

    @Test
    void aUsersOwnCancelIsNotAConflict() {
        SessionState s = new SessionState(1, "admin");
        s.startTransaction(0);
        assertThat(errors.translate(s, CANCELLED)).isNull();
    }
}
