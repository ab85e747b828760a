package io.dsqlkit.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CreateIndexHeadTest {

    private static CreateIndexHead parse(String sql) {
        List<Token> significant = Lexer.tokenize(sql).stream().filter(t -> !t.isTrivia()).toList();
        return CreateIndexHead.parse(significant);
    }

    private static String text(CreateIndexHead h, int i) {
        return i < 0 ? "-" : h.tokens.get(i).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // sql                                                         | unique | async | conc | ifne | name    | table        | only | method | keys
            "CREATE INDEX ASYNC i ON t (a)                                 | false  | true  | false| false| i       | t            | false| -      | true",
            "create unique index async if not exists \"I\" on only s.t(a) | true   | true  | false| true | I       | s.t          | true | -      | true",
            "CREATE INDEX CONCURRENTLY ON t USING btree (a)                | false  | false | true | false| -       | t            | false| btree  | true",
            "CREATE INDEX ASYNC s.idx ON t (a)                             | false  | true  | false| false| s.idx   | t            | false| -      | true",
            "CREATE INDEX ASYNC i ON db.s.t (a)                            | false  | true  | false| false| i       | db.s.t       | false| -      | true",
            "CREATE INDEX ASYNC i ON t                                     | false  | true  | false| false| i       | t            | false| -      | false",
            "CREATE INDEX ASYNC i                                          | false  | true  | false| false| i       | -            | false| -      | false",
            "CREATE INDEX ASYNC i ON (a)                                   | false  | true  | false| false| i       | -            | false| -      | true",
    })
    void readsTheHeadOfCreateIndex(String sql, boolean unique, boolean async, boolean concurrently, boolean ifNotExists,
                                   String name, String table, boolean only, String method, boolean keys) {
        CreateIndexHead h = parse(sql);
        assertThat(h).isNotNull();
        assertThat(h.unique >= 0).isEqualTo(unique);
        assertThat(h.hasAsync()).isEqualTo(async);
        assertThat(h.concurrently >= 0).isEqualTo(concurrently);
        assertThat(h.ifNotExists >= 0).isEqualTo(ifNotExists);
        assertThat(h.name() == null ? "-" : h.name().toString()).isEqualTo(name);
        assertThat(h.table() == null ? "-" : h.table().toString()).isEqualTo(table);
        assertThat(h.only >= 0).isEqualTo(only);
        assertThat(text(h, h.method)).isEqualTo(method);
        assertThat(h.keysOpen >= 0).isEqualTo(keys);
        if (keys) assertThat(h.tokens.get(h.keysOpen).type()).isEqualTo(TokenType.LPAREN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"CREATE TABLE t (a int)", "CREATE UNIQUE t", "DROP INDEX i", "''"})
    void isNullForOtherStatements(String sql) {
        assertThat(parse(sql)).isNull();
    }
}
