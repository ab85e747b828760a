package io.dsqlkit.mcp.tools;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent is told when DSQL refuses a statement on a limit, or the server's timeout cancels it. */
class SqlErrorAdviceTest {
    @ParameterizedTest(name = "{0} \"{1}\" names the limit \"{2}\" and the fix mentions \"{3}\"")
    @CsvSource(delimiter = '|', textBlock = """
            54000 | ERROR: transaction row limit exceeded                                  | 3,000 rows  | insert_rows
            54000 | ERROR: transaction row limit exceeded                                  | 3,000 rows  | batch_execute
            54000 | ERROR: transaction row limit exceeded                                  | 3,000 rows  | dsqlkit load
            54000 | transaction size limit 10mb exceeded                                   | 10 MiB      | dsqlkit batch
            54000 | ERROR: transaction age limit of 300s exceeded                          | 5 minutes   | batch_execute
            57014 | ERROR: canceling statement due to user request                         | 30 s        | --statement-timeout
            57014 | ERROR: canceling statement due to statement timeout                    | 30 s        | dsqlkit mcp --statement-timeout
            """)
    void aLimitErrorNamesTheLimitAndTheWayAround(String sqlstate, String message, String limit, String fix) {
        Map<String, Object> advice = SqlErrorAdvice.of(sqlstate, message, Duration.ofSeconds(30));
        assertThat(advice.get("limit")).asString().contains(limit);
        assertThat(advice.get("fix")).asString().contains(fix);
    }

    @ParameterizedTest(name = "{0} \"{1}\" gets no limit advice")
    @CsvSource(delimiter = '|', textBlock = """
            54000 | a returned row is larger than the driver's fetch buffer
            57014 | interrupted while waiting for a job
            40001 | change conflicts with another transaction, please retry: (OC000)
            42601 | syntax error at or near "SELEC"
            """)
    void otherErrorsGetNoLimitAdvice(String sqlstate, String message) {
        assertThat(SqlErrorAdvice.of(sqlstate, message, Duration.ofSeconds(30))).isEmpty();
    }
}
