package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.Bytes;
import io.dsqlkit.local.gateway.protocol.BackendMessage.CommandComplete;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ReadyForQuery;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Query;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The simple-query conversation of a {@link ClientSession}, on embedded channels; the test plays PostgreSQL. */
class SimpleQueryFlowTest {

    private static ErrorResponse error(String sqlstate, String message) {
        return ErrorResponse.of("ERROR", sqlstate, message, null, null);
    }

    @Test
    void aPlainQueryIsRelayedUnchangedAndSoAreItsAnswers() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("SELECT 1"));
            assertThat(h.backendReceived()).containsExactly(new Query("SELECT 1"));
            h.backendAnswers(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
        }
    }

    @Test
    void anAutocommitWriteIsWrappedAndItsCompletionHeldUntilTheCommitSucceeded() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("INSERT INTO t VALUES (1)"));
            assertThat(h.backendReceived()).containsExactly(new Query("BEGIN;\nINSERT INTO t VALUES (1)"));
            h.backendAnswers(new CommandComplete("BEGIN"), new CommandComplete("INSERT 0 1"), new ReadyForQuery('T'));
            assertThat(h.clientReceived()).isEmpty();
            assertThat(h.backendReceived()).containsExactly(new Query("COMMIT"));

            h.backendAnswers(new CommandComplete("COMMIT"), new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(new CommandComplete("INSERT 0 1"), new ReadyForQuery('I'));
        }
    }

    @Test
    void aWrappedWriteThatFailsIsRolledBackAndOnlyItsErrorReported() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("UPDATE t SET v = 2"));
            h.backendReceived();
            h.backendAnswers(new CommandComplete("BEGIN"), error("23505", "duplicate key value violates unique constraint \"t_pkey\""),
                    new ReadyForQuery('E'));
            assertThat(h.backendReceived()).containsExactly(new Query("ROLLBACK"));
            h.backendAnswers(new CommandComplete("ROLLBACK"), new ReadyForQuery('I'));

            List<Object> got = h.clientReceived();
            assertThat(got).hasSize(2);
            assertThat(((ErrorResponse) got.get(0)).sqlstate()).isEqualTo("23505");
            assertThat(got.get(1)).isEqualTo(new ReadyForQuery('I'));
        }
    }

    @Test
    void aRefusedStatementNeverReachesPostgresql() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("CREATE TEMP TABLE scratch (id int)"));
            List<FrontendMessage> sent = h.backendReceived();
            assertThat(sent).hasSize(1);
            String sql = ((Query) sent.get(0)).sql();
            assertThat(sql).matches(BackendSql::isRaise, "an injected raise").doesNotContainIgnoringCase("scratch");
        }
    }

    @Test
    void messagesBehindAQueryWaitForItsReadyForQuery() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("BEGIN"), new Query("SELECT 2"));
            assertThat(h.backendReceived()).containsExactly(new Query("BEGIN"));
            h.backendAnswers(new CommandComplete("BEGIN"), new ReadyForQuery('T'));
            assertThat(h.clientReceived()).containsExactly(new CommandComplete("BEGIN"), new ReadyForQuery('T'));
            assertThat(h.backendReceived()).containsExactly(new Query("SELECT 2"));
        }
    }

    @Test
    void noticesPassThroughWhateverIsExpected() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("SELECT 1"));
            h.backendReceived();
            BackendMessage.NoticeResponse notice = new BackendMessage.NoticeResponse(
                    ErrorResponse.of("NOTICE", "00000", "hello", null, null).fields());
            h.backendAnswers(notice, new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(notice, new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
        }
    }

    @Test
    void aBackendFatalOutsideAnyRequestClosesTheSession() {
        try (WireHarness h = WireHarness.ready()) {
            h.backendAnswers(ErrorResponse.of("FATAL", "57P01", "terminating connection due to administrator command", null, null));
            assertThat(((ErrorResponse) h.clientReceived().get(0)).sqlstate()).isEqualTo("57P01");
            assertThat(h.client.isActive()).isFalse();
        }
    }

    @Test
    void aCommitOverTheAgeLimitIsSentAsRollbackAndAnsweredWithDsqlsError() {
        AtomicLong now = new AtomicLong();
        try (WireHarness h = WireHarness.ready(Limits.DSQL.withMaxTransactionAge(Duration.ofSeconds(5)), now::get)) {
            h.clientSends(new Query("BEGIN"));
            h.backendReceived();
            h.backendAnswers(new CommandComplete("BEGIN"), new ReadyForQuery('T'));
            h.clientReceived();

            now.addAndGet(Duration.ofSeconds(6).toNanos());
            h.clientSends(new Query("COMMIT"));
            assertThat(h.backendReceived()).containsExactly(new Query("ROLLBACK"));
            h.backendAnswers(new CommandComplete("ROLLBACK"), new ReadyForQuery('I'));
            List<Object> got = h.clientReceived();
            assertThat(got).hasSize(2);
            assertThat(((ErrorResponse) got.get(0)).sqlstate()).isEqualTo("54000");
            assertThat(((ErrorResponse) got.get(0)).message()).contains("transaction age limit");
            assertThat(got.get(1)).isEqualTo(new ReadyForQuery('I'));
        }
    }

    @Test
    void copyDataPassesWhileTheCopyQueryIsInFlightButOtherMessagesWait() {
        try (WireHarness h = WireHarness.ready()) {
            FrontendMessage copyData = new FrontendMessage.CopyData(Bytes.utf8("1\n"));
            h.clientSends(new Query("COPY t FROM STDIN"), copyData);
            assertThat(h.backendReceived()).containsExactly(new Query("BEGIN;\nCOPY t FROM STDIN"));

            h.backendAnswers(new CommandComplete("BEGIN"), new BackendMessage.CopyInResponse((byte) 0, List.of(0)));
            assertThat(h.clientReceived()).containsExactly(new BackendMessage.CopyInResponse((byte) 0, List.of(0)));
            assertThat(h.backendReceived()).containsExactly(copyData);

            h.clientSends(FrontendMessage.CopyDone.INSTANCE, new Query("SELECT 1"));
            assertThat(h.backendReceived()).containsExactly(FrontendMessage.CopyDone.INSTANCE);
        }
    }

    @Test
    void answersReadTogetherReachTheClientAsOneWrite() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("SELECT 1"));
            h.backendReceived();
            BackendMessage.DataRow row = new BackendMessage.DataRow(List.of(Bytes.utf8("1")));
            h.backendAnswersTogether(row, new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(h.clientWrites()).as("one slice of the backend's read").isEqualTo(1);
            assertThat(h.clientReceived()).containsExactly(row, new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
        }
    }

    @Test
    void aMessageTheGatewayWritesKeepsItsPlaceAmongRelayedOnes() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Query("SELECT 1"));
            h.backendReceived();
            h.backendAnswersTogether(new CommandComplete("SELECT 1"), new BackendMessage.ParameterStatus("server_version", "16.4"),
                    new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(new CommandComplete("SELECT 1"),
                    new BackendMessage.ParameterStatus("server_version", io.dsqlkit.local.gateway.GatewayConfig.SERVER_VERSION),
                    new ReadyForQuery('I'));
        }
    }

    /**
     * Sends {@code sql} and answers what the backend got as PostgreSQL would: a Query, or a prepared read
     * (ParseComplete when it came with a Parse, BindComplete), with {@code answer}; returns what the backend got.
     */
    private static List<FrontendMessage> readAnswered(WireHarness h, String sql, BackendMessage... answer) {
        h.clientSends(new Query(sql));
        List<FrontendMessage> got = h.backendReceived();
        List<BackendMessage> reply = new java.util.ArrayList<>();
        if (!(got.get(0) instanceof Query)) {
            if (got.get(0) instanceof FrontendMessage.Parse) reply.add(BackendMessage.ParseComplete.INSTANCE);
            reply.add(BackendMessage.BindComplete.INSTANCE);
        }
        reply.addAll(List.of(answer));
        h.backendAnswersTogether(reply.toArray(BackendMessage[]::new));
        return got;
    }

    @Test
    void repeatedPointQueriesWithOtherNumbersArePreparedOnceAndAnsweredAsTheQueries() {
        try (WireHarness h = WireHarness.ready()) {
            List<List<String>> sent = new java.util.ArrayList<>();
            for (int id = 1; id <= 8; id++) {
                String sql = "SELECT abalance FROM pgbench_accounts WHERE aid = " + (id * 7919);
                List<FrontendMessage> got = readAnswered(h, sql, new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
                sent.add(got.stream().map(m -> m.getClass().getSimpleName()).toList());
                if (got.get(0) instanceof Query q) assertThat(q.sql()).isEqualTo(sql);
                assertThat(h.clientReceived()).containsExactly(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            }
            // Relayed unchanged until the shape and its lint verdict are known, then prepared once, then bound.
            assertThat(sent.get(0)).containsExactly("Query");
            assertThat(sent).contains(List.of("Parse", "Bind", "Describe", "Execute", "Sync"));
            assertThat(sent.subList(sent.indexOf(List.of("Parse", "Bind", "Describe", "Execute", "Sync")) + 1, sent.size()))
                    .isNotEmpty().allMatch(List.of("Bind", "Describe", "Execute", "Sync")::equals);
        }
    }

    @Test
    void aPreparedReadPostgresNoLongerRunsIsRetriedAsTheQuery() {
        try (WireHarness h = WireHarness.ready()) {
            readPoints(h, 10, 17); // prepared by now
            String sql = "SELECT v FROM t WHERE id = 42";
            h.clientSends(new Query(sql));
            assertThat(h.backendReceived()).first().isInstanceOf(FrontendMessage.Bind.class);
            h.backendAnswersTogether(ErrorResponse.of("ERROR", "0A000", "cached plan must not change result type", null, null),
                    new ReadyForQuery('I'));
            assertThat(h.clientReceived()).as("nothing yet").isEmpty();
            assertThat(h.backendReceived()).containsExactly(new Query(sql));
            h.backendAnswersTogether(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            // The next read prepares afresh, closing the stale statement first.
            List<FrontendMessage> next = readAnswered(h, "SELECT v FROM t WHERE id = 43", new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(next.stream().map(m -> m.getClass().getSimpleName()).toList())
                    .containsExactly("Close", "Parse", "Bind", "Describe", "Execute", "Sync");
        }
    }

    @Test
    void aReadAfterAnUnsyncedExtendedExchangeGoesAsItsQuery() {
        try (WireHarness h = WireHarness.ready()) {
            readPoints(h, 10, 17); // prepared by now
            // An INSERT run by the extended protocol and not yet synced: its implicit transaction is open.
            h.clientSends(new FrontendMessage.Parse("", "INSERT INTO t VALUES (1, 'x')", List.of()),
                    new FrontendMessage.Bind("", "", List.of(), List.of(), List.of()), new FrontendMessage.Execute("", 0),
                    FrontendMessage.Flush.INSTANCE);
            h.backendReceived();
            h.backendAnswersTogether(BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                    new CommandComplete("INSERT 0 1"));
            h.clientReceived();
            String sql = "SELECT v FROM t WHERE id = 42";
            h.clientSends(new Query(sql));
            assertThat(h.backendReceived()).containsExactly(new Query(sql));
        }
    }

    @Test
    void aPreparedReadsGenuineErrorReachesTheClientAsTheQuerysWould() {
        try (WireHarness h = WireHarness.ready()) {
            ErrorResponse error = ErrorResponse.of("ERROR", "42883", "operator does not exist: text = integer", null, null);
            List<String> first = null;
            for (int id = 10; id < 18; id++) {
                String sql = "SELECT v FROM t WHERE v = " + id;
                h.clientSends(new Query(sql));
                List<FrontendMessage> got = h.backendReceived();
                // PostgreSQL refuses the Parse (or the Query): the error, then ReadyForQuery after the Sync.
                h.backendAnswersTogether(error, new ReadyForQuery('I'));
                assertThat(h.clientReceived()).containsExactly(error, new ReadyForQuery('I'));
                if (!(got.get(0) instanceof Query)) {
                    assertThat(got.get(0)).as("never kept: parsed again").isInstanceOf(FrontendMessage.Parse.class);
                    if (first == null) first = List.of(sql);
                }
            }
            assertThat(first).as("it was tried as a prepared read").isNotNull();
        }
    }

    /** {@code SELECT v FROM t WHERE id = 1} to {@code n}, each answered. */
    private static void readPointsOneToN(WireHarness h, int n) {
        readPoints(h, 1, n);
    }

    /** {@code SELECT v FROM t WHERE id = from} to {@code to}, each answered as PostgreSQL would ({@link #readAnswered}). */
    private static void readPoints(WireHarness h, int from, int to) {
        for (int id = from; id <= to; id++) {
            readAnswered(h, "SELECT v FROM t WHERE id = " + id, new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            h.clientReceived();
        }
    }

    @Test
    void aBehaviourIsAskedAboutEveryPlainReadUnlessItSaysItLeavesThemAlone() {
        for (boolean intercepts : new boolean[] {true, false}) {
            RecordingBehaviour behaviour = new RecordingBehaviour(intercepts);
            try (WireHarness h = WireHarness.ready(behaviour)) {
                readPointsOneToN(h, 6);
            }
            if (intercepts) assertThat(behaviour.intercepted).hasSize(6);
            else assertThat(behaviour.intercepted).as("planned from the shape once it is known").hasSizeLessThan(6);
        }
    }

    @Test
    void aRepeatedReadIsStillRefusedWhenItsTransactionMayNotStart() {
        RecordingBehaviour behaviour = new RecordingBehaviour(false);
        try (WireHarness h = WireHarness.ready(behaviour)) {
            readPointsOneToN(h, 4);
            behaviour.transactionStart = Optional.of(io.dsqlkit.rules.DsqlErrors.OC001);
            h.clientSends(new Query("SELECT v FROM t WHERE id = 5"));
            List<FrontendMessage> sent = h.backendReceived();
            assertThat(sent).hasSize(1);
            assertThat(((Query) sent.get(0)).sql()).matches(BackendSql::isRaise, "an injected raise").contains("40001");
        }
    }
}
