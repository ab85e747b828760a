package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.Limits;
import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.BackendMessage.CommandComplete;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ReadyForQuery;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Bind;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Execute;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Parse;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Query;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The extended-query conversation of a {@link ClientSession}, on embedded channels; the test plays PostgreSQL. */
class ExtendedQueryFlowTest {

    private static FrontendMessage[] pipeline(String sql) {
        return new FrontendMessage[] {new Parse("", sql, List.of()), new Bind("", "", List.of(), List.of(), List.of()),
                new Execute("", 0), FrontendMessage.Sync.INSTANCE};
    }

    @Test
    void aPipelineIsForwardedAtOnceAndAnsweredInOrder() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(pipeline("SELECT 1"));
            assertThat(h.backendReceived()).containsExactly(pipeline("SELECT 1"));
            h.backendAnswers(BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                    new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                    new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
        }
    }

    @Test
    void aPipelineReadTogetherGoesToTheBackendAsOneWrite() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSendsTogether(pipeline("SELECT 1"));
            assertThat(h.backendWrites()).as("one slice of the client's read").isEqualTo(1);
            assertThat(h.backendReceived()).containsExactly(pipeline("SELECT 1"));
        }
    }

    @Test
    void aMessageTheGatewayWritesToTheBackendKeepsItsPlaceAmongForwardedOnes() {
        try (WireHarness h = WireHarness.ready()) {
            // DISCARD is refused at Parse: the gateway prepares a raise in its place, between the forwarded messages.
            FrontendMessage[] sent = {new Parse("a", "SELECT 1", List.of()), new Parse("", "DISCARD ALL", List.of()),
                    new Bind("", "", List.of(), List.of(), List.of()), new Execute("", 0), FrontendMessage.Sync.INSTANCE};
            h.clientSendsTogether(sent);
            List<FrontendMessage> got = h.backendReceived();
            assertThat(got.get(0)).isEqualTo(sent[0]);
            assertThat(((Parse) got.get(1)).sql()).matches(BackendSql::isRaise, "an injected raise");
            assertThat(got.get(got.size() - 1)).isEqualTo(FrontendMessage.Sync.INSTANCE);
        }
    }

    @Test
    void afterAnErrorTheExpectationsSkipToSyncLikeTheBackend() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(pipeline("SELECT nope"));
            h.backendReceived();
            h.backendAnswers(ErrorResponse.of("ERROR", "42703", "column \"nope\" does not exist", null, null), new ReadyForQuery('I'));
            List<Object> got = h.clientReceived();
            assertThat(got).hasSize(2);
            assertThat(((ErrorResponse) got.get(0)).sqlstate()).isEqualTo("42703");
            assertThat(got.get(1)).isEqualTo(new ReadyForQuery('I'));

            // The queue is in step again: the next exchange is answered normally.
            h.clientSends(new Query("SELECT 1"));
            assertThat(h.backendReceived()).containsExactly(new Query("SELECT 1"));
            h.backendAnswers(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(new CommandComplete("SELECT 1"), new ReadyForQuery('I'));
        }
    }

    @Test
    void aRefusedParseBecomesAnInjectedRaiseWhoseOwnCompletionsTheClientNeverSees() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(pipeline("CREATE TEMP TABLE scratch (id int)"));
            List<FrontendMessage> sent = h.backendReceived();
            // Injected Parse/Bind/Execute of the raise, then the client's Bind/Execute/Sync.
            assertThat(((Parse) sent.get(0)).sql()).matches(BackendSql::isRaise, "an injected raise").doesNotContainIgnoringCase("scratch");
            assertThat(sent).hasSize(6).last().isEqualTo(FrontendMessage.Sync.INSTANCE);

            h.backendAnswers(BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                    ErrorResponse.of("ERROR", "0A000", "refused", null, null), new ReadyForQuery('I'));
            List<Object> got = h.clientReceived();
            assertThat(got).hasSize(2);
            assertThat(((ErrorResponse) got.get(0)).sqlstate()).isEqualTo("0A000");
            assertThat(got.get(1)).isEqualTo(new ReadyForQuery('I'));
        }
    }

    @Test
    void describeOfAStatementWaitsForItsRowDescriptionOrNoData() {
        try (WireHarness h = WireHarness.ready()) {
            h.clientSends(new Parse("s1", "SELECT 1", List.of()), new FrontendMessage.Describe('S', "s1"), FrontendMessage.Sync.INSTANCE);
            assertThat(h.backendReceived()).hasSize(3);
            h.backendAnswers(BackendMessage.ParseComplete.INSTANCE, new BackendMessage.ParameterDescription(List.of()),
                    BackendMessage.NoData.INSTANCE, new ReadyForQuery('I'));
            assertThat(h.clientReceived()).containsExactly(BackendMessage.ParseComplete.INSTANCE,
                    new BackendMessage.ParameterDescription(List.of()), BackendMessage.NoData.INSTANCE, new ReadyForQuery('I'));
        }
    }

    @Test
    void aRefusedCommitRollsBackReportsDsqlsErrorAndSkipsToSync() {
        AtomicLong now = new AtomicLong();
        try (WireHarness h = WireHarness.ready(Limits.DSQL.withMaxTransactionAge(Duration.ofSeconds(5)), now::get)) {
            h.clientSends(new Query("BEGIN"));
            h.backendReceived();
            h.backendAnswers(new CommandComplete("BEGIN"), new ReadyForQuery('T'));
            h.clientReceived();

            now.addAndGet(Duration.ofSeconds(6).toNanos());
            h.clientSends(pipeline("COMMIT"));
            List<FrontendMessage> sent = h.backendReceived();
            // The client's Parse and Bind, then injected ROLLBACK and skip-to-Sync raise, then its Sync.
            assertThat(sent).hasSize(9);
            assertThat(sent.get(2)).isEqualTo(new Parse("", "ROLLBACK", List.of()));
            assertThat(((Parse) sent.get(5)).sql()).matches(BackendSql::isRaise, "an injected raise");
            assertThat(sent.get(8)).isEqualTo(FrontendMessage.Sync.INSTANCE);

            h.backendAnswers(BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                    BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE, new CommandComplete("ROLLBACK"),
                    BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE,
                    ErrorResponse.of("ERROR", "XX000", "dsqlkit: skip to sync", null, null), new ReadyForQuery('I'));
            List<Object> got = h.clientReceived();
            assertThat(got).hasSize(4);
            assertThat(got.subList(0, 2)).containsExactly(BackendMessage.ParseComplete.INSTANCE, BackendMessage.BindComplete.INSTANCE);
            assertThat(((ErrorResponse) got.get(2)).sqlstate()).isEqualTo("54000");
            assertThat(got.get(3)).isEqualTo(new ReadyForQuery('I'));
        }
    }
}
