package io.dsqlkit.migrate.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table names reach SQL only rebuilt from their parts: as stored, or as quoted SQL identifiers; anything else is refused. */
class SqlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "orders                  | orders",
            "Orders                  | \"Orders\"",
            "sales.orders            | sales.orders",
            "my table                | \"my table\"",
            "\"My T\"                | \"My T\"",
            "public.\"a\"\"b\"       | public.\"a\"\"b\"",
            "\"s\" . \"t\"           | s.t",
            "order                   | \"order\"",
    })
    void qualified(String name, String sql) {
        assertThat(Sql.qualified(name)).isEqualTo(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\" c WHERE false; INSERT INTO t VALUES (1) --", "\"x", "\"a\".\"b\".\"c\"", "\"a\" \"b\"",
            "\"t\"; DROP TABLE t", "x.\"y\" --", "\"x\"/* */"})
    void notATableName(String name) {
        assertThatThrownBy(() -> Sql.qualified(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
