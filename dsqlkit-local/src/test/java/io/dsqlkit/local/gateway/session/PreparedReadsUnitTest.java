package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.Bytes;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Bind;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Close;
import io.dsqlkit.local.gateway.protocol.FrontendMessage.Parse;
import io.dsqlkit.sql.NumberShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link PreparedReads} sends for a text, and when it sends the client's Query as it is. */
class PreparedReadsUnitTest {

    private static int[] runs(String sql) {
        return NumberShape.of(sql).runsIn(sql);
    }

    /** {@link PreparedReads#use} of {@code sql}, as the flow calls it for a text of a known shape. */
    private static PreparedReads.Use use(PreparedReads reads, String sql, long epoch) {
        return reads.use(sql, NumberShape.of(sql).key(), runs(sql), epoch);
    }

    private static List<String> kinds(PreparedReads.Use use) {
        return use.messages().stream().map(m -> m.getClass().getSimpleName()).toList();
    }

    @ParameterizedTest
    @CsvSource({"1, 23", "999999999, 23", "2147483647, 23", "2147483648, 20", "9223372036854775807, 20",
            "9223372036854775808, 1700", "12345678901234567890123, 1700"})
    void aParameterHasTheTypePostgresGivesTheLiteral(String digits, int oid) {
        assertThat(PreparedReads.literalType(digits)).isEqualTo(oid);
    }

    @Test
    void integersBecomeParametersPaddedToTheLiteralsLengthAndShortOnesStay() {
        PreparedReads reads = new PreparedReads();
        String sql = "SELECT v FROM t WHERE a = 12345 AND b = 7 AND c > 3000000000";
        PreparedReads.Use use = use(reads, sql, 0);
        assertThat(kinds(use)).containsExactly("Parse", "Bind", "Describe", "Execute", "Sync");
        Parse parse = (Parse) use.messages().get(0);
        assertThat(parse.sql()).isEqualTo("SELECT v FROM t WHERE a = $1    AND b = 7 AND c > $2        ");
        assertThat(parse.sql()).hasSameSizeAs(sql);
        assertThat(parse.parameterTypes()).containsExactly(23, 20);
        Bind bind = (Bind) use.messages().get(1);
        assertThat(bind.statement()).isEqualTo(parse.name());
        assertThat(bind.parameters()).containsExactly(Bytes.utf8("12345"), Bytes.utf8("3000000000"));
        assertThat(bind.parameterFormats()).isEmpty();
        assertThat(bind.resultFormats()).isEmpty();
    }

    @Test
    void aParsedStatementIsBoundWithoutParseAndAnUnansweredOneIsNotUsed() {
        PreparedReads reads = new PreparedReads();
        PreparedReads.Use first = use(reads, "SELECT v FROM t WHERE a = 10", 0);
        assertThat(use(reads, "SELECT v FROM t WHERE a = 11", 0))
                .as("its Parse not answered yet").isNull();
        first.parsed();
        PreparedReads.Use second = use(reads, "SELECT v FROM t WHERE a = 12", 0);
        assertThat(kinds(second)).containsExactly("Bind", "Describe", "Execute", "Sync");
        assertThat(((Bind) second.messages().get(0)).statement()).isEqualTo(((Parse) first.messages().get(0)).name());
    }

    @Test
    void aFailedParseIsForgottenAndAParsedStatementIsNot() {
        PreparedReads reads = new PreparedReads();
        String sql = "SELECT v FROM t WHERE v = 10";
        use(reads, sql, 0).failed();
        assertThat(reads.size()).isZero();
        PreparedReads.Use again = use(reads, sql, 0);
        assertThat(kinds(again)).startsWith("Parse");
        again.parsed();
        again.failed(); // an error while running a parsed statement (division by zero) keeps it
        assertThat(reads.size()).isEqualTo(1);
    }

    @Test
    void aForgottenStatementIsClosedWithTheNextUseAndPreparedAfresh() {
        PreparedReads reads = new PreparedReads();
        String sql = "SELECT * FROM t WHERE a = 10";
        PreparedReads.Use use = use(reads, sql, 0);
        use.parsed();
        String old = ((Parse) use.messages().get(0)).name();
        use.forget();
        PreparedReads.Use next = use(reads, sql, 0);
        assertThat(kinds(next)).containsExactly("Close", "Parse", "Bind", "Describe", "Execute", "Sync");
        assertThat(((Close) next.messages().get(0)).name()).isEqualTo(old);
        assertThat(((Parse) next.messages().get(1)).name()).isNotEqualTo(old);
    }

    @Test
    void aNewSchemaEpochClosesEveryStatementFirst() {
        PreparedReads reads = new PreparedReads();
        String a = "SELECT v FROM t WHERE a = 10";
        String b = "SELECT v FROM u WHERE a = 10";
        use(reads, a, 0).parsed();
        use(reads, b, 0).parsed();
        PreparedReads.Use next = use(reads, a, 1);
        assertThat(kinds(next)).containsExactly("Close", "Close", "Parse", "Bind", "Describe", "Execute", "Sync");
        next.parsed();
        assertThat(kinds(use(reads, a, 1))).containsExactly("Bind", "Describe", "Execute", "Sync");
    }

    @Test
    void nothingToParametriseOrTooManyStatementsSendTheQueryAsItIs() {
        PreparedReads reads = new PreparedReads();
        assertThat(use(reads, "SELECT v FROM t WHERE a = 7", 0)).isNull();
        for (int i = 0; i < PreparedReads.MAX_STATEMENTS; i++) {
            String sql = "SELECT v FROM t" + (char) ('a' + i % 26) + i / 26 + "x WHERE a = 10";
            use(reads, sql, 0).parsed();
        }
        assertThat(use(reads, "SELECT v FROM other WHERE a = 10", 0)).isNull();
        reads.clear();
        assertThat(use(reads, "SELECT v FROM other WHERE a = 10", 0)).isNotNull();
    }

    @Test
    void onlyAStaleOrMissingStatementIsRetried() {
        assertThat(PreparedReads.notRunnableAsPrepared(ErrorResponse.of("ERROR", "0A000", "cached plan must not change result type", null, null))).isTrue();
        assertThat(PreparedReads.notRunnableAsPrepared(ErrorResponse.of("ERROR", "26000", "prepared statement \"dsqlkit_read_1\" does not exist", null, null))).isTrue();
        assertThat(PreparedReads.notRunnableAsPrepared(ErrorResponse.of("ERROR", "0A000", "unsupported feature", null, null))).isFalse();
        assertThat(PreparedReads.notRunnableAsPrepared(ErrorResponse.of("ERROR", "42883", "operator does not exist: text = integer", null, null))).isFalse();
    }

    @Test
    void theEncodedBytesAreTheMessages() {
        PreparedReads reads = new PreparedReads();
        String sql = "SELECT v FROM t WHERE a = 12345 AND b = 7 AND c > 3000000000 AND d < 99";
        PreparedReads.Use first = use(reads, sql, 0);
        first.parsed();
        first.forget();
        for (PreparedReads.Use use : List.of(first, use(reads, sql, 0))) {
            io.netty.buffer.ByteBuf fast = io.netty.buffer.Unpooled.buffer();
            use.encode(fast);
            io.netty.buffer.ByteBuf spec = io.netty.buffer.Unpooled.buffer();
            for (FrontendMessage m : use.messages()) m.encode(spec);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(fast)).isEqualTo(io.netty.buffer.ByteBufUtil.getBytes(spec));
            fast.release();
            spec.release();
        }
    }

    @Test
    void aLiteralLeftInTheTextIsPartOfTheStatement() {
        PreparedReads reads = new PreparedReads();
        String a = "SELECT v FROM t WHERE a = 12345 AND b = 7";
        String b = "SELECT v FROM t WHERE a = 12345 AND b = 8";
        use(reads, a, 0).parsed();
        assertThat(kinds(use(reads, b, 0))).startsWith("Parse");
        assertThat(reads.size()).isEqualTo(2);
    }
}
