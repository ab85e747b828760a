package io.dsqlkit.rules.syntax;

import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of {@code ALTER TABLE [ASYNC] [IF EXISTS] [ONLY] name [*] action [, ...]} (DSQL adds
 * ASYNC, dsql-facts §1.7).
 *
 * @param async    index of ASYNC, or -1
 * @param nameFrom index of the table name
 * @param nameEnd  index after the table name (and a trailing {@code *})
 * @param actions  the actions, split at top-level commas
 */
public record AlterTable(int async, int nameFrom, int nameEnd, List<Range> actions) {

    public AlterTable {
        actions = List.copyOf(actions);
    }

    private static final String[] ACTION_WORDS = {"ADD", "ALTER", "DROP", "RENAME", "VALIDATE", "OWNER", "SET",
            "RESET", "ENABLE", "DISABLE", "ATTACH", "DETACH", "CLUSTER", "INHERIT", "NO", "REPLICA", "FORCE", "OF",
            "NOT"};

    private static final LastParsed<AlterTable> LAST = new LastParsed<>();

    /** Parses {@code t} as ALTER TABLE; null for any other statement. {@code t} must not change afterwards. */
    public static AlterTable parse(List<Token> t) {
        return LAST.get(t, AlterTable::doParse);
    }

    private static AlterTable doParse(List<Token> t) {
        if (!Tokens.at(t, 0, "ALTER", "TABLE")) return null;
        int pos = 2;
        int async = -1;
        if (Tokens.is(t, pos, "ASYNC") && (Tokens.is(t, pos + 1, "IF") || Tokens.is(t, pos + 1, "ONLY")
                || (Tokens.isName(t, pos + 1) && !isActionWord(t, pos + 1)))) {
            async = pos++;
        }
        pos = Tokens.match(t, pos, "?IF EXISTS", "?ONLY");
        int nameFrom = pos;
        int nameEnd = Tokens.skipQualifiedName(t, pos);
        if (nameEnd < 0) return new AlterTable(async, nameFrom, nameFrom, List.of());
        if (Tokens.is(t, nameEnd, "*")) nameEnd++;
        return new AlterTable(async, nameFrom, nameEnd, Tokens.splitTopLevel(t, nameEnd, t.size()));
    }

    private static boolean isActionWord(List<Token> t, int i) {
        for (String w : ACTION_WORDS) if (Tokens.is(t, i, w)) return true;
        return false;
    }

    /** Column definitions of {@code ADD [COLUMN] [IF NOT EXISTS] name type ...} actions. */
    public List<ColumnDefinition> addedColumns(List<Token> t) {
        List<ColumnDefinition> out = new ArrayList<>();
        for (Range a : actions) {
            if (!Tokens.is(t, a.from(), "ADD")) continue;
            int pos = Tokens.match(t, a.from(), "ADD", "?COLUMN", "?IF NOT EXISTS");
            if (pos >= a.to() || CreateTable.isTableConstraint(t, new Range(pos, a.to()))) continue;
            ColumnDefinition c = ColumnDefinition.parse(t, new Range(pos, a.to()), true);
            if (c != null) out.add(c);
        }
        return List.copyOf(out);
    }

    /**
     * {@code ALTER [COLUMN] name ...} actions, as the range after the column name; the column name
     * is at {@code from - 1}.
     */
    public List<Range> alterColumnActions(List<Token> t) {
        List<Range> out = new ArrayList<>();
        for (Range a : actions) {
            if (!Tokens.is(t, a.from(), "ALTER")) continue;
            int pos = Tokens.match(t, a.from(), "ALTER", "?COLUMN");
            if (!Tokens.isName(t, pos) || pos + 1 > a.to()) continue;
            out.add(new Range(pos + 1, a.to()));
        }
        return out;
    }

    /** Table constraints added by {@code ADD [CONSTRAINT n] ...} actions (the range after ADD). */
    public List<Range> addedConstraints(List<Token> t) {
        List<Range> out = new ArrayList<>();
        for (Range a : actions) {
            if (!Tokens.is(t, a.from(), "ADD")) continue;
            Range rest = new Range(a.from() + 1, a.to());
            if (!rest.isEmpty() && CreateTable.isTableConstraint(t, rest)) out.add(rest);
        }
        return out;
    }
}
