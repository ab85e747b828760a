package io.dsqlkit.rules.index;

import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.CreateIndexHead;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@code CREATE [UNIQUE] INDEX ...} the DSQL rules look at, as indexes into the
 * statement's significant tokens (-1 when absent). Parsing is tolerant: clauses may come in any
 * order after the key list, and a truncated statement yields what was seen.
 *
 * <pre>
 * CREATE [UNIQUE] INDEX [ASYNC|CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method]
 *     ( key [, ...] ) [INCLUDE (...)] [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE ts] [WHERE pred]
 * </pre>
 */
public final class CreateIndexStatement {
    public final Tokens t;
    public int unique = -1;
    public int indexKw = -1;
    public int async = -1;
    public int concurrently = -1;
    /** First and last token of the index name ({@code s.idx} spans three tokens). */
    public int nameFrom = -1, nameTo = -1;
    public int on = -1;
    public int tableFrom = -1, tableTo = -1;
    public int using = -1, method = -1;
    public int keysOpen = -1, keysClose = -1;
    public final List<IndexKey> keys = new ArrayList<>();
    public int include = -1;
    public int with = -1, withClose = -1;
    public int tablespace = -1, tablespaceNameTo = -1;
    public int where = -1;

    private CreateIndexStatement(Tokens t) {
        this.t = t;
    }

    /** A key element of the index: a column or an expression, with its per-key options. */
    public static final class IndexKey {
        public int from, to;
        public boolean expression;
        public int column = -1;
        public int collate = -1;
        public int opclassFrom = -1, opclassTo = -1;
        public int direction = -1;
        public int nulls = -1, nullsWhich = -1;
    }

    /** The statement's CREATE INDEX shape, parsed once and shared by every rule that asks. */
    public static CreateIndexStatement of(StatementContext ctx) {
        return ctx.parsed(CreateIndexStatement.class, t -> parse(new Tokens(t)));
    }

    /** Null unless the tokens start with {@code CREATE [UNIQUE] INDEX}; the head is {@link CreateIndexHead}'s. */
    public static CreateIndexStatement parse(Tokens t) {
        CreateIndexHead h = CreateIndexHead.parse(t.list());
        if (h == null) return null;
        CreateIndexStatement s = new CreateIndexStatement(t);
        s.unique = h.unique;
        s.indexKw = h.indexKeyword;
        s.async = h.async;
        s.concurrently = h.concurrently;
        s.nameFrom = h.nameFrom;
        s.nameTo = h.nameTo;
        s.on = h.on;
        s.tableFrom = h.tableFrom;
        s.tableTo = h.tableTo;
        s.using = h.using;
        s.method = h.method;
        if (h.keysOpen < 0) return s;
        int i = h.keysOpen;
        s.keysOpen = i;
        s.keysClose = t.closing(i);
        int keysEnd = t.is(s.keysClose, TokenType.RPAREN) ? s.keysClose : t.size();
        for (int[] r : t.splitTopLevel(i + 1, keysEnd)) {
            if (r[0] < r[1]) s.keys.add(parseKey(t, r[0], r[1]));
        }
        i = s.keysClose + 1;
        while (i < t.size()) {
            if (t.kw(i, "INCLUDE")) {
                s.include = i;
                i = t.skipParens(i + 1);
            } else if (t.kw(i, "NULLS")) {
                i += t.kw(i + 1, "NOT") ? 3 : 2;
            } else if (t.kw(i, "WITH") && t.is(i + 1, TokenType.LPAREN)) {
                s.with = i;
                s.withClose = t.closing(i + 1);
                i = s.withClose + 1;
            } else if (t.kw(i, "TABLESPACE")) {
                s.tablespace = i;
                s.tablespaceNameTo = t.isName(i + 1) ? i + 1 : i;
                i = s.tablespaceNameTo + 1;
            } else if (t.kw(i, "WHERE")) {
                s.where = i;
                break;
            } else {
                i++;
            }
        }
        return s;
    }

    private static IndexKey parseKey(Tokens t, int from, int to) {
        IndexKey k = new IndexKey();
        k.from = from;
        k.to = to - 1;
        int i = from;
        if (t.is(i, TokenType.LPAREN)) {
            k.expression = true;
            i = t.closing(i) + 1;
        } else if (t.isName(i)) {
            int j = t.skipQualifiedName(i);
            if (t.is(j, TokenType.LPAREN)) {
                k.expression = true;
                i = t.closing(j) + 1;
            } else {
                k.column = i;
                i = j;
            }
        } else {
            // Something else (a literal, an operator): an expression PostgreSQL would reject unparenthesised.
            k.expression = true;
            return k;
        }
        if (i < to && t.kw(i, "COLLATE")) {
            k.collate = i;
            i = t.skipQualifiedName(i + 1);
        }
        if (i < to && t.isName(i) && !t.kw(i, "ASC", "DESC", "NULLS")) {
            k.opclassFrom = i;
            int j = t.skipQualifiedName(i);
            if (j < to) j = t.skipParens(j);
            k.opclassTo = Math.min(j, to) - 1;
            i = k.opclassTo + 1;
        }
        if (i < to && t.kw(i, "ASC", "DESC")) k.direction = i++;
        if (i < to && t.kw(i, "NULLS")) {
            k.nulls = i;
            if (t.kw(i + 1, "FIRST", "LAST")) k.nullsWhich = i + 1;
        }
        return k;
    }

    public boolean hasAsync() {
        return async >= 0;
    }
}
