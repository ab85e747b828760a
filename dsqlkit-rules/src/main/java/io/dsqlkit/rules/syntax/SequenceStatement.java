package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * {@code CREATE [TEMP|UNLOGGED] SEQUENCE [IF NOT EXISTS] name [options]} or
 * {@code ALTER SEQUENCE [IF EXISTS] name [options]}.
 *
 * @param alter    true for ALTER SEQUENCE
 * @param keyword  index of SEQUENCE
 * @param nameEnd  index after the sequence name (where the options start)
 * @param options  the options
 */
public record SequenceStatement(boolean alter, int keyword, int nameEnd, SequenceOptions options) {

    /** Parses {@code t}; null when it is neither CREATE SEQUENCE nor ALTER SEQUENCE. */
    public static SequenceStatement parse(List<Token> t) {
        int pos = Tokens.match(t, 0, "CREATE", "?TEMPORARY|TEMP|UNLOGGED", "SEQUENCE");
        boolean alter = false;
        if (pos < 0) {
            pos = Tokens.match(t, 0, "ALTER", "SEQUENCE");
            if (pos < 0) return null;
            alter = true;
        }
        int keyword = pos - 1;
        pos = Tokens.match(t, pos, alter ? "?IF EXISTS" : "?IF NOT EXISTS");
        int nameEnd = Tokens.skipQualifiedName(t, pos);
        if (nameEnd < 0) return null;
        return new SequenceStatement(alter, keyword, nameEnd, SequenceOptions.parse(t, nameEnd, t.size()));
    }
}
