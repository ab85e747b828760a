package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * The options of {@code CREATE/ALTER SEQUENCE} or of an identity clause's {@code ( ... )}, as far as
 * DSQL's rules need them (dsql-facts §1.5): where {@code CACHE n} is and its value, and the
 * {@code AS type} clause.
 *
 * @param cacheKeyword index of {@code CACHE}, or -1 when absent
 * @param cacheValue   the literal value after CACHE, or null when absent or not an integer literal
 * @param cacheEnd     index of the last token of CACHE's value, or -1
 * @param asType       the type of {@code AS type}, or null
 */
public record SequenceOptions(int cacheKeyword, Long cacheValue, int cacheEnd, TypeName asType) {

    public boolean hasCache() {
        return cacheKeyword >= 0;
    }

    /** Reads the options in {@code [from, to)} (top level only: an identity's parentheses excluded). */
    public static SequenceOptions parse(List<Token> t, int from, int to) {
        int cache = -1, cacheEnd = -1;
        Long value = null;
        TypeName as = null;
        int depth = 0;
        for (int i = from; i < Math.min(to, t.size()); i++) {
            Token k = t.get(i);
            switch (k.type()) {
                case LPAREN, LBRACKET -> depth++;
                case RPAREN, RBRACKET -> depth--;
                default -> {
                    if (depth != 0) continue;
                    if (cache < 0 && Tokens.is(t, i, "CACHE")) {
                        cache = i;
                        value = Tokens.signedIntegerAt(t, i + 1);
                        cacheEnd = i + 1 < to ? Tokens.signedNumberEnd(t, i + 1) : i;
                    } else if (as == null && Tokens.is(t, i, "AS") && !Tokens.is(t, i - 1, "GENERATED")) {
                        as = TypeName.parse(t, i + 1);
                    }
                }
            }
        }
        return new SequenceOptions(cache, value, cacheEnd, as);
    }
}
