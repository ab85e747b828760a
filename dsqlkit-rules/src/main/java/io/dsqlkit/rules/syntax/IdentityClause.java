package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * {@code GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [( sequence options )]}.
 *
 * @param generated   index of GENERATED
 * @param identity    index of IDENTITY
 * @param optionsOpen index of the options' {@code (}, or -1
 * @param optionsClose index of the options' {@code )}, or -1
 * @param options     the sequence options inside the parentheses (empty when none)
 */
public record IdentityClause(int generated, int identity, int optionsOpen, int optionsClose, SequenceOptions options) {

    /** Finds an identity clause at top level in {@code [from, to)}; null when there is none. */
    public static IdentityClause find(List<Token> t, int from, int to) {
        int g = from;
        while (true) {
            g = Tokens.findTopLevel(t, g, to, "GENERATED");
            if (g < 0) return null;
            int afterAs = Tokens.match(t, g, "GENERATED", "ALWAYS|BY DEFAULT", "AS");
            if (afterAs > 0 && Tokens.is(t, afterAs, "IDENTITY")) {
                int identity = afterAs;
                if (Tokens.isType(t, identity + 1, TokenType.LPAREN)) {
                    int close = Tokens.close(t, identity + 1);
                    if (close > 0 && close < to) {
                        return new IdentityClause(g, identity, identity + 1, close,
                                SequenceOptions.parse(t, identity + 2, close));
                    }
                }
                return new IdentityClause(g, identity, -1, -1, new SequenceOptions(-1, null, -1, null));
            }
            g++;
        }
    }
}
