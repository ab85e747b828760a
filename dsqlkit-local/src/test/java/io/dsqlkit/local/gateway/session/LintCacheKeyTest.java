package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.ScriptSplitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which statements share a cached lint verdict: a table of (statement, statement, same key). */
class LintCacheKeyTest {

    private static String key(String sql) {
        return LintCacheKey.of(ScriptSplitter.split(sql).get(0));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // operands of comparison and arithmetic operators
            "SELECT v FROM t WHERE id = 1                       | SELECT v FROM t WHERE id = 22                        | true",
            "UPDATE a SET b = b + -5 WHERE id = 7               | UPDATE a SET b = b + -6000 WHERE id = 8              | true",
            "SELECT v FROM t WHERE s = 'x'                      | SELECT v FROM t WHERE s = 'y'                        | true",
            // numbers standing alone in VALUES rows (pgbench's INSERT)
            "INSERT INTO h (a, b, c) VALUES (3, 7, 1234)        | INSERT INTO h (a, b, c) VALUES (4, 8, 99)            | true",
            "INSERT INTO h VALUES (1, 2), (3, 4)                | INSERT INTO h VALUES (5, 6), (7, 8)                  | true",
            "INSERT INTO h VALUES (1, now()), (2, now())        | INSERT INTO h VALUES (3, now()), (4, now())          | true",
            "INSERT INTO t SELECT * FROM (VALUES (1), (2)) v    | INSERT INTO t SELECT * FROM (VALUES (3), (4)) v      | true",
            // what stays: strings in rows, function arguments, nested parentheses, other lists, LIMIT, DDL
            "INSERT INTO h VALUES ('a', 1)                      | INSERT INTO h VALUES ('b', 1)                        | false",
            "INSERT INTO h VALUES (f(1), 2)                     | INSERT INTO h VALUES (f(5), 2)                       | false",
            "INSERT INTO h VALUES ((1), 2)                      | INSERT INTO h VALUES ((5), 2)                        | false",
            "INSERT INTO h VALUES (1, 2)                        | INSERT INTO h VALUES (1, 2), (3, 4)                  | false",
            "SELECT v FROM t WHERE id IN (1, 2)                 | SELECT v FROM t WHERE id IN (3, 4)                   | false",
            "SELECT generate_series(1, 10)                      | SELECT generate_series(1, 5000)                      | false",
            "SELECT v FROM t LIMIT 10                           | SELECT v FROM t LIMIT 20                             | false",
            "CREATE TABLE t (a varchar(10))                     | CREATE TABLE t (a varchar(20))                       | false",
            "SELECT * FROM t, (SELECT 1) s                      | SELECT * FROM t, (SELECT 2) s                        | false",
    })
    void sharesAKeyOnlyWhereTheLiteralsCannotMatter(String a, String b, boolean same) {
        if (same) assertThat(key(a)).isEqualTo(key(b));
        else assertThat(key(a)).isNotEqualTo(key(b));
    }
}
