package io.dsqlkit.mcp.db;

import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Agents' $n placeholders in JDBC form, bound to the values they name; the same text again binds its new values. */
class BoundSqlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', textBlock = """
            SELECT $1::int + $2                       # a,b # SELECT ?::int + ?                         # a,b
            SELECT $2, $1, $2                         # a,b # SELECT ?, ?, ?                            # b,a,b
            SELECT '$1', $1 /* $2 */                  # a   # SELECT '$1', ?                            # a
            SELECT $$ $1 $$ AS t                      #     # SELECT $$ $1 $$ AS t                      #
            SELECT '{"a":1}'::jsonb ?| array['a'], $1 # a   # SELECT '{"a":1}'::jsonb ??| array['a'], ? # a
              SELECT $1 ;                             # a   # SELECT ?                                  # a
            """)
    void placeholdersBecomeQuestionMarksBoundToTheirValues(String sql, String params, String jdbc, String bound) {
        BoundSql b = BoundSql.of(statement(sql), List.copyOf(list(params)));
        assertThat(b.jdbcSql()).isEqualTo(jdbc);
        assertThat(b.values()).map(String::valueOf).isEqualTo(list(bound));
        assertThat(b.sql()).isEqualTo(statement(sql).sql());
    }

    @Test
    void theSameTextAgainBindsTheNewValues() {
        Statement s = statement("SELECT $1::int * $2");
        assertThat(BoundSql.of(s, List.of(6, 7)).values()).containsExactly(6, 7);
        assertThat(BoundSql.of(statement("SELECT $1::int * $2"), List.of(8, 9)).values()).containsExactly(8, 9);
        assertThat(BoundSql.of(s, Arrays.asList(null, 1)).values()).extracting(String::valueOf).containsExactly("NULL", "1");
    }

    @Test
    void missingAndUnusedParametersAreRefusedEveryTime() {
        Statement s = statement("SELECT $2");
        for (int i = 0; i < 2; i++) { // the second time from the kept template
            assertThatThrownBy(() -> BoundSql.of(s, List.of("x"))).isInstanceOf(Refusal.class)
                    .hasMessageContaining("uses $2 but 1 parameter(s) were given");
            assertThatThrownBy(() -> BoundSql.of(s, List.of("x", "y"))).isInstanceOf(Refusal.class)
                    .hasMessageContaining("parameter 1 is never used");
        }
    }

    private static Statement statement(String sql) {
        return ScriptSplitter.split(sql).get(0);
    }

    private static List<String> list(String csv) {
        return csv == null ? List.of() : List.of(csv.split(","));
    }
}
