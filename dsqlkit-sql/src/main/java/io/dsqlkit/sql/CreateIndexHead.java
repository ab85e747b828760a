package io.dsqlkit.sql;

import java.util.List;

/**
 * The head of a {@code CREATE INDEX} statement, the one parser of it that the rules, the local
 * gateway and migrate share:
 *
 * <pre>
 * CREATE [UNIQUE] INDEX [ASYNC|CONCURRENTLY]... [[IF NOT EXISTS] name] ON [ONLY] table [USING method] (
 * </pre>
 *
 * Positions are indexes into the statement's significant tokens ({@code -1} when absent). Parsing is
 * tolerant: a truncated statement yields what was seen; the key list and the clauses after it are
 * left to the caller, starting at {@link #keysOpen}.
 */
public final class CreateIndexHead {
    public final List<Token> tokens;
    public int unique = -1;
    public int indexKeyword = -1;
    /** The last ASYNC / CONCURRENTLY after INDEX (both may be written, in any order). */
    public int async = -1;
    public int concurrently = -1;
    public int ifNotExists = -1;
    /** First and last token of the index name as written ({@code s.idx} spans three tokens). */
    public int nameFrom = -1;
    public int nameTo = -1;
    public int on = -1;
    public int only = -1;
    /** First and last token of the table name; {@code tableTo < tableFrom} when ON is not followed by a name. */
    public int tableFrom = -1;
    public int tableTo = -1;
    public int using = -1;
    public int method = -1;
    /** The parenthesis opening the key list, right after the table or the method. */
    public int keysOpen = -1;

    private CreateIndexHead(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Null unless {@code significant} starts with {@code CREATE [UNIQUE] INDEX}. */
    public static CreateIndexHead parse(List<Token> significant) {
        List<Token> t = significant;
        if (!TokenCursor.keywordsAt(t, 0, "CREATE")) return null;
        CreateIndexHead h = new CreateIndexHead(t);
        int i = 1;
        if (TokenCursor.keywordsAt(t, i, "UNIQUE")) h.unique = i++;
        if (!TokenCursor.keywordsAt(t, i, "INDEX")) return null;
        h.indexKeyword = i++;
        while (i < t.size() && t.get(i).isAnyKeyword("ASYNC", "CONCURRENTLY")) {
            if (t.get(i).isKeyword("ASYNC")) h.async = i;
            else h.concurrently = i;
            i++;
        }
        if (TokenCursor.keywordsAt(t, i, "IF", "NOT", "EXISTS")) {
            h.ifNotExists = i;
            i += 3;
        }
        if (!TokenCursor.keywordsAt(t, i, "ON") && isName(t, i)) {
            h.nameFrom = i;
            i = skipQualifiedName(t, i);
            h.nameTo = i - 1;
        }
        if (!TokenCursor.keywordsAt(t, i, "ON")) return h;
        h.on = i++;
        if (TokenCursor.keywordsAt(t, i, "ONLY")) h.only = i++;
        h.tableFrom = i;
        i = skipQualifiedName(t, i);
        h.tableTo = i - 1;
        if (TokenCursor.keywordsAt(t, i, "USING")) {
            h.using = i++;
            if (isName(t, i)) h.method = i++;
        }
        if (i < t.size() && t.get(i).is(TokenType.LPAREN)) h.keysOpen = i;
        return h;
    }

    /** The index name as written, or null when none was given. */
    public QualifiedName name() {
        return nameFrom < 0 ? null : new QualifiedName(namePartsOf(nameFrom, nameTo));
    }

    /** The table name as written, or null when ON is missing or not followed by a name. */
    public QualifiedName table() {
        return tableFrom < 0 || tableTo < tableFrom ? null : new QualifiedName(namePartsOf(tableFrom, tableTo));
    }

    public boolean hasAsync() {
        return async >= 0;
    }

    private List<Token> namePartsOf(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).filter(k -> (k - from) % 2 == 0).mapToObj(tokens::get).toList();
    }

    private static boolean isName(List<Token> t, int i) {
        return i < t.size() && TokenCursor.isName(t.get(i));
    }

    /** The index after {@code a[.b[.c]]} at {@code i}; {@code i} itself when no name starts there. */
    private static int skipQualifiedName(List<Token> t, int i) {
        if (!isName(t, i)) return i;
        int pos = i + 1;
        while (pos + 1 < t.size() && t.get(pos).is(TokenType.DOT) && isName(t, pos + 1)) pos += 2;
        return pos;
    }
}
