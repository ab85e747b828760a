package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a {@code CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE} statement, in all of
 * PostgreSQL 16's forms: with a column list, {@code PARTITION OF parent}, {@code OF type}, and
 * {@code AS query} (CREATE TABLE AS).
 *
 * @param persistence   index of TEMP/TEMPORARY/UNLOGGED, or -1
 * @param persistenceFrom index of GLOBAL/LOCAL when written before TEMP, else {@code persistence}
 * @param tableKeyword  index of TABLE
 * @param nameEnd       index after the table name
 * @param partitionOf   index of PARTITION (of PARTITION OF), or -1
 * @param elementsOpen  index of the element list's {@code (}, or -1
 * @param elementsClose index of its {@code )}, or -1
 * @param as            index of the top-level AS of CREATE TABLE AS, or -1
 * @param tailFrom      index where the clauses after the element list start
 * @param elements      the element list split at top-level commas
 */
public record CreateTable(int persistence, int persistenceFrom, int tableKeyword, int nameEnd, int partitionOf,
                          int elementsOpen, int elementsClose, int as, int tailFrom, List<Range> elements) {

    public CreateTable {
        elements = List.copyOf(elements);
    }

    private static final LastParsed<CreateTable> LAST = new LastParsed<>();

    /** Parses {@code t} as CREATE TABLE; null for any other statement. {@code t} must not change afterwards. */
    public static CreateTable parse(List<Token> t) {
        return LAST.get(t, CreateTable::doParse);
    }

    private static CreateTable doParse(List<Token> t) {
        if (!Tokens.is(t, 0, "CREATE")) return null;
        int pos = 1;
        int persistenceFrom = -1, persistence = -1;
        if (Tokens.is(t, pos, "GLOBAL") || Tokens.is(t, pos, "LOCAL")) {
            persistenceFrom = pos;
            pos++;
        }
        if (Tokens.is(t, pos, "TEMP") || Tokens.is(t, pos, "TEMPORARY") || Tokens.is(t, pos, "UNLOGGED")) {
            persistence = pos;
            if (persistenceFrom < 0) persistenceFrom = pos;
            pos++;
        } else if (persistenceFrom >= 0) {
            return null;
        }
        if (!Tokens.is(t, pos, "TABLE")) return null;
        int table = pos++;
        pos = Tokens.match(t, pos, "?IF NOT EXISTS");
        int nameEnd = Tokens.skipQualifiedName(t, pos);
        if (nameEnd < 0) return new CreateTable(persistence, persistenceFrom, table, pos, -1, -1, -1, -1, pos, List.of());
        int as = Tokens.findTopLevel(t, nameEnd, t.size(), "AS");
        pos = nameEnd;
        int partitionOf = -1;
        if (as < 0 && Tokens.at(t, pos, "PARTITION", "OF")) {
            partitionOf = pos;
            int parentEnd = Tokens.skipQualifiedName(t, pos + 2);
            pos = parentEnd < 0 ? pos + 2 : parentEnd;
        } else if (as < 0 && Tokens.is(t, pos, "OF")) {
            TypeName of = TypeName.parse(t, pos + 1);
            pos = of == null ? pos + 1 : of.end();
        }
        int open = -1, close = -1;
        List<Range> elements = new ArrayList<>();
        if (Tokens.isType(t, pos, TokenType.LPAREN)) {
            open = pos;
            close = Tokens.close(t, pos);
            if (close < 0) close = t.size();
            if (as < 0 || as > close) elements = Tokens.splitTopLevel(t, open + 1, close);
            pos = Math.min(close + 1, t.size());
        }
        return new CreateTable(persistence, persistenceFrom, table, nameEnd, partitionOf, open, close, as, pos,
                elements);
    }

    public boolean isCreateTableAs() {
        return as >= 0;
    }

    /** Whether element {@code r} is a table constraint or LIKE clause rather than a column definition. */
    public static boolean isTableConstraint(List<Token> t, Range r) {
        int i = r.from();
        return Tokens.is(t, i, "CONSTRAINT") || Tokens.is(t, i, "CHECK") || Tokens.is(t, i, "UNIQUE")
                || Tokens.is(t, i, "PRIMARY") || Tokens.is(t, i, "FOREIGN") || Tokens.is(t, i, "LIKE")
                // EXCLUDE is an unreserved key word: "exclude int" is a column named exclude.
                || (Tokens.is(t, i, "EXCLUDE") && (Tokens.is(t, i + 1, "USING")
                || Tokens.isType(t, i + 1, TokenType.LPAREN)));
    }

    /** The column definitions of the element list (CREATE TABLE AS has none). */
    public List<ColumnDefinition> columns(List<Token> t) {
        List<ColumnDefinition> out = new ArrayList<>();
        for (Range r : elements) {
            if (r.isEmpty() || isTableConstraint(t, r)) continue;
            ColumnDefinition c = ColumnDefinition.parse(t, r, false);
            if (c != null) out.add(c);
        }
        return List.copyOf(out);
    }

    /** The table constraints of the element list, {@code CONSTRAINT name} prefix included. */
    public List<Range> tableConstraints(List<Token> t) {
        List<Range> out = new ArrayList<>();
        for (Range r : elements) if (!r.isEmpty() && isTableConstraint(t, r) && !Tokens.is(t, r.from(), "LIKE")) out.add(r);
        return out;
    }

    /** Index of a top-level clause key word after the element list (e.g. INHERITS, TABLESPACE), or -1. */
    public int tail(List<Token> t, String word) {
        int end = as >= 0 ? as : t.size();
        return Tokens.findTopLevel(t, tailFrom, end, word);
    }
}
