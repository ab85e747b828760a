package io.dsqlkit.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NumberShapeTest {

    /** Pieces of texts that have a shape: every number form, names with digits, lines, statements, routines. */
    private static final String[] FRAGMENTS = {
            "1", "7", "23", "456", "98765432109876543210", "0", "00", "007", "1.5", ".5", "5.", "1e5", "1E+5", "1e-5", "0x1F",
            "0b101", "0o17", "1_000", "123abc", "..", "..5", "t1", "a_2", "x9y", "é1", "select", "SELECT", "from", "where",
            "aid", "=", "<>", "+", "-", "*", "/", "%", "<=", "(", ")", "[", "]", ",", ";", ".", "::", ":", "int", "numeric(10,2)",
            "limit", "offset", "values", "insert into t values", "update t set a =", "delete from t where id =", "begin",
            "commit", "explain (analyze 1)", "explain (analyze 0)", "explain analyze", "create function f() returns int",
            "begin atomic", "end", "case", "when", "then", "create index async i on t(a)", "set x = 5", "show y",
            " ", "  ", "\t", "\n", "\r\n", "\n\n  ", "\f",
    };

    @Provide
    Arbitrary<String> shaped() {
        Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(2);
        Arbitrary<String> space = Arbitraries.of(" ", "", "\n");
        return Combinators.combine(Arbitraries.oneOf(fragment, fragment, fragment, fragment, ascii), space).as(String::concat)
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void anotherTextOfTheShapeSplitsAsTheSplitterWould(@ForAll("shaped") String sql, @ForAll long seed) {
        NumberShape shape = NumberShape.of(sql);
        Statistics.label("has a shape").collect(shape != null);
        if (shape == null) return;
        String other = withOtherIntegers(sql, shape.runs(), new Random(seed));
        NumberShape otherShape = NumberShape.of(other);
        assertThat(otherShape).as(other).isNotNull();
        assertThat(otherShape.key()).isEqualTo(shape.key());
        assertThat(otherShape.instantiate(shape, ScriptSplitter.split(sql))).as(other).isEqualTo(ScriptSplitter.split(other));
        assertThat(shape.instantiate(shape, ScriptSplitter.split(sql))).isEqualTo(ScriptSplitter.split(sql));
    }

    @Property(tries = 3000)
    void aTextMatchesAShapeExactlyWhenItHasTheShapesKey(@ForAll("shaped") String sql, @ForAll("shaped") String unrelated,
                                                         @ForAll long seed) {
        NumberShape shape = NumberShape.of(sql);
        if (shape == null) return;
        Random random = new Random(seed);
        String other = withOtherIntegers(sql, shape.runs(), random);
        List<String> candidates = new java.util.ArrayList<>(List.of(sql, other, unrelated));
        String[] edits = {"0", "1", "9", "a", ".", "'", " ", "_", "\u0001"};
        for (int k = 0; k < 6; k++) {
            int at = random.nextInt(other.length() + 1);
            candidates.add(random.nextBoolean() || at == other.length()
                    ? other.substring(0, at) + edits[random.nextInt(edits.length)] + other.substring(at)
                    : other.substring(0, at) + other.substring(at + 1));
        }
        for (String candidate : candidates) {
            NumberShape c = NumberShape.of(candidate);
            boolean sameKey = c != null && c.key().equals(shape.key());
            Statistics.label("same key").collect(sameKey);
            assertThat(shape.matches(candidate)).as("%s against %s", candidate, sql).isEqualTo(sameKey);
            // runsIn finds the candidate's own masked integers, where it matches, and nothing where it does not
            assertThat(shape.runsIn(candidate)).as("%s against %s", candidate, sql).isEqualTo(sameKey ? c.runs() : null);
        }
    }

    @Property(tries = 300)
    void mostGeneratedTextsHaveAShape(@ForAll("shaped") String sql) {
        Statistics.label("has a shape").collect(NumberShape.of(sql) != null);
        Statistics.label("has a shape").coverage(c -> c.check(true).percentage(p -> p >= 25)); // about 46% and 64% drawn
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT abalance FROM pgbench_accounts WHERE aid = 1234;",
            "UPDATE pgbench_accounts SET abalance = abalance + -4321 WHERE aid = 98;\nSELECT 1;  SELECT 2 ",
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (3, 7, 1234, 55, CURRENT_TIMESTAMP);",
            "select *\n  from t1\n where a = 42 and b in (1, 2,\n 3)\n limit 10 offset 200",
            "EXPLAIN (ANALYZE 1) SELECT 5", "5 SELECT; 6", "42", "SELECT 1e+5, 3 FROM t", "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END; SELECT 2",
    })
    void rebuildsTheSplitterOutputForOtherDigits(String sql) {
        NumberShape shape = NumberShape.of(sql);
        assertThat(shape).isNotNull();
        for (long seed = 0; seed < 50; seed++) {
            String other = withOtherIntegers(sql, shape.runs(), new Random(seed));
            assertThat(NumberShape.of(other).instantiate(shape, ScriptSplitter.split(sql))).as(other)
                    .isEqualTo(ScriptSplitter.split(other));
        }
    }

    @Test
    void masksStandaloneIntegersOnly() {
        assertThat(NumberShape.of("SELECT a FROM t WHERE id = 42").key()).isEqualTo(NumberShape.of("SELECT a FROM t WHERE id = 7").key());
        assertThat(NumberShape.of("SELECT a FROM t WHERE id = 42").key())
                .isNotEqualTo(NumberShape.of("SELECT a FROM t WHERE id = 42 + 1").key());
        assertThat(NumberShape.of("SELECT a FROM t WHERE id = a")).as("nothing to mask").isNull();
        // Names, decimals, exponents, radix and underscore forms, and integers starting with 0 stay as they are.
        for (String sql : List.of("SELECT t1.a FROM t1", "SELECT 1.5", "SELECT .5", "SELECT 1e5", "SELECT 0x1F", "SELECT 1_000",
                "SELECT 0", "SELECT 007", "EXPLAIN (ANALYZE 0) SELECT a FROM t", "SELECT 123abc")) {
            assertThat(NumberShape.of(sql)).as(sql).isNull();
        }
    }

    @Test
    void textsWhereDigitsMayHideHaveNoShape() {
        for (String sql : List.of("SELECT '1' , 2", "SELECT \"c1\", 2 FROM t", "SELECT $1, 2", "SELECT $$1$$, 2", "SELECT 2 -- 1",
                "SELECT /* 1 */ 2", "SELECT E'\\1', 2", "SELECT 2 \u0001")) {
            assertThat(NumberShape.of(sql)).as(sql).isNull();
        }
    }

    @Test
    void aMarkerInTheTextCannotForgeAShape() {
        // The key marks an integer with a character no shaped text contains, so "# 1" and "1 #" never collide.
        assertThat(NumberShape.of("SELECT 1 # 2").key()).isNotEqualTo(NumberShape.of("SELECT # 1 2").key());
    }

    /** {@code sql} with each masked integer replaced by another one (1 to 12 digits, not starting with 0). */
    private static String withOtherIntegers(String sql, int[] runs, Random random) {
        StringBuilder sb = new StringBuilder();
        int copied = 0;
        for (int r = 0; r < runs.length; r += 2) {
            sb.append(sql, copied, runs[r]);
            int digits = 1 + random.nextInt(12);
            sb.append(1 + random.nextInt(9));
            for (int d = 1; d < digits; d++) sb.append(random.nextInt(10));
            copied = runs[r + 1];
        }
        return sb.append(sql, copied, sql.length()).toString();
    }
}
