package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.ScriptSplitter;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The split cache's promise behind planning a repeated read without lexing it: when it calls a text one plain
 * read with lint key K, the text really is one plain read and K is exactly its statement's lint key, whatever
 * integers the text has where texts of its shape differ.
 */
class KnownReadKeyProperties {
    /** Pieces of reads; {@code #} becomes an integer, different in each text drawn from one template. */
    private static final String[] FRAGMENTS = {
            "#", "#", "#", "0", "1.5", "1e5", "t1", "a", "b_2", "abalance", "pgbench_accounts", "=", "<", ">=", "<>", "+", "-",
            "*", "/", "%", ",", ".", "::int", "::", "(", ")", "AND", "OR", "NOT", "IN", "BETWEEN", "WHERE", "FROM", "LIMIT",
            "OFFSET", "ORDER BY", "FOR UPDATE", "INTO", "AS", ";", "SELECT", "UPDATE t SET a =", "'s'", " ", " ", "\n",
    };

    @Provide
    Arbitrary<String> template() {
        Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
        Arbitrary<String> space = Arbitraries.of(" ", " ", "", "\n");
        return Combinators.combine(fragment, space).as(String::concat).list().ofMinSize(1).ofMaxSize(16)
                .map(parts -> "SELECT " + String.join("", parts));
    }

    @Property(tries = 3000)
    void aKnownReadsKeyIsItsStatementsLintKey(@ForAll("template") String template, @ForAll long seed) {
        Random random = new Random(seed);
        SplitCache cache = new SplitCache();
        for (int i = 0; i < 3; i++) split(cache, fill(template, random));
        String sql = fill(template, random);
        SplitCache.Split split = split(cache, sql);
        String key = split == null ? null : split.plainReadLintKey();
        Statistics.label("known read").collect(key != null);
        if (key == null) return;
        List<Statement> real = ScriptSplitter.split(sql).stream().filter(s -> s.category() != StatementCategory.EMPTY).toList();
        assertThat(real).as(sql).hasSize(1);
        assertThat(PlainRead.is(real.get(0))).as(sql).isTrue();
        assertThat(LintCacheKey.of(real.get(0))).as(sql).isEqualTo(key);
    }

    @Property(tries = 300)
    void manyDrawnTemplatesAreKnownReads(@ForAll("template") String template, @ForAll long seed) {
        Random random = new Random(seed);
        SplitCache cache = new SplitCache();
        for (int i = 0; i < 3; i++) split(cache, fill(template, random));
        SplitCache.Split split = split(cache, fill(template, random));
        Statistics.label("known read").collect(split != null && split.plainReadLintKey() != null);
        Statistics.label("known read").coverage(c -> c.check(true).percentage(p -> p >= 5));
    }

    /** The cache's split, or null where the splitter refuses the text (the gateway relays such a text unplanned). */
    private static SplitCache.Split split(SplitCache cache, String sql) {
        try {
            return cache.lookup(sql);
        } catch (RuntimeException unsplittable) {
            return null;
        }
    }

    private static String fill(String template, Random random) {
        StringBuilder sb = new StringBuilder();
        for (char c : template.toCharArray()) {
            if (c != '#') {
                sb.append(c);
                continue;
            }
            int digits = 1 + random.nextInt(9);
            sb.append(1 + random.nextInt(9));
            for (int d = 1; d < digits; d++) sb.append(random.nextInt(10));
        }
        return sb.toString();
    }
}
