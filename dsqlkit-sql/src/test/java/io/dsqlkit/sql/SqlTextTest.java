package io.dsqlkit.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {

    private static Token only(String sql) {
        List<Token> ts = Lexer.tokenize(sql);
        assertThat(ts).hasSize(1);
        return ts.get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            Orders                   | orders
            ÉTÉ                      | ÉtÉ
            "Orders"                 | Orders
            "weird "" name"          | weird " name
            U&"d\\0061t\\+000061"    | data
            u&"a\\\\b"               | a\\b
            "open                    | open
            """)
    void identifierValues(String sql, String expected) {
        assertThat(only(sql).identifierValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            'it''s'                  | it's
            E'a\\'b\\n'              | `a'b\n`
            E'\\x41\\101\\u00e9'     | AAé
            N'x'                     | x
            U&'d\\0061t\\+000061'    | data
            $tag$ a $ b $tag$        | ` a $ b `
            $$$$                     | ``
            B'101'                   | 101
            X'1F'                    | 1F
            'open                    | open
            """)
    void stringValues(String sql, String expected) {
        assertThat(SqlText.stringValue(only(sql))).isEqualTo(expected.replace("\\n", "\n"));
    }

    @Test
    void quotesIdentifiersOnlyWhenNeeded() {
        assertThat(SqlText.quoteIdentifierIfNeeded("orders")).isEqualTo("orders");
        assertThat(SqlText.quoteIdentifierIfNeeded("Orders")).isEqualTo("\"Orders\"");
        assertThat(SqlText.quoteIdentifierIfNeeded("order")).isEqualTo("\"order\"");
        assertThat(SqlText.quoteIdentifierIfNeeded("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(SqlText.quoteIdentifierIfNeeded("1a")).isEqualTo("\"1a\"");
        assertThat(SqlText.quoteIdentifierIfNeeded("serial_number")).isEqualTo("serial_number");
    }

    @Test
    void keywordCategories() {
        assertThat(Keywords.isFullyReserved("SELECT")).isTrue();
        assertThat(Keywords.isFullyReserved("int")).isFalse();
        assertThat(Keywords.isReserved("int")).isTrue();
        assertThat(Keywords.isReserved("index")).isFalse();
    }
}
