package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.AlterTable;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.TokenType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE [ASYNC] [IF EXISTS] [ONLY] name [*] action [, ...]} split into actions. The
 * column type of ADD COLUMN is not interpreted: it ends where the first constraint key word starts,
 * which no type name contains.
 */
public final class AlterTableStatement {
    public final Tokens t;
    public int async = -1;
    public int tableKw = -1;
    public int tableFrom = -1, tableTo = -1;
    public final List<AlterAction> actions = new ArrayList<>();

    private AlterTableStatement(Tokens t) {
        this.t = t;
    }

    /** The statement's ALTER TABLE shape, parsed once and shared by every rule that asks. */
    public static AlterTableStatement of(StatementContext ctx) {
        return ctx.parsed(AlterTableStatement.class, t -> parse(new Tokens(t)));
    }

    /**
     * Null unless the tokens start with {@code ALTER TABLE name}. The header and the split into
     * actions are {@link AlterTable}'s (the one ALTER TABLE splitter); this adds what each action is.
     */
    public static AlterTableStatement parse(Tokens t) {
        AlterTable header = AlterTable.parse(t.list());
        if (header == null || header.nameEnd() == header.nameFrom()) return null;
        if (t.kwSeq(header.nameFrom(), "ALL", "IN")) return null; // ALTER TABLE ALL IN TABLESPACE: not a per-table change
        AlterTableStatement s = new AlterTableStatement(t);
        s.tableKw = 1;
        s.async = header.async();
        s.tableFrom = header.nameFrom();
        s.tableTo = t.skipQualifiedName(header.nameFrom()) - 1;
        for (Range r : header.actions()) {
            if (!r.isEmpty()) s.actions.add(parseAction(t, r.from(), r.to() - 1));
        }
        return s;
    }

    /** The table name as written (for generated statements). */
    public String tableText(String source) {
        return t.text(source, tableFrom, tableTo);
    }

    /** The table's own name, folded (for generated constraint names). */
    public String tableName() {
        return t.nameValue(tableTo);
    }

    private static AlterAction parseAction(Tokens t, int a, int b) {
        AlterAction act;
        if (t.kw(a, "ADD")) {
            int i = a + 1;
            if (t.kw(i, "CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "EXCLUDE", "FOREIGN")) {
                act = new AlterAction(ActionKind.ADD_CONSTRAINT, a, b);
                parseTableConstraint(t, act, i, b);
            } else {
                act = new AlterAction(ActionKind.ADD_COLUMN, a, b);
                if (t.kw(i, "COLUMN")) i++;
                if (t.kwSeq(i, "IF", "NOT", "EXISTS")) i += 3;
                parseColumnDefinition(t, act, i, b);
            }
            return act;
        }
        if (t.kw(a, "DROP")) {
            if (t.kw(a + 1, "CONSTRAINT")) return new AlterAction(ActionKind.DROP_CONSTRAINT, a, b);
            act = new AlterAction(ActionKind.DROP_COLUMN, a, b);
            int i = a + 1;
            if (t.kw(i, "COLUMN")) i++;
            if (t.kwSeq(i, "IF", "EXISTS")) i += 2;
            act.column = i;
            return act;
        }
        if (t.kw(a, "ALTER")) {
            if (t.kw(a + 1, "CONSTRAINT")) return new AlterAction(ActionKind.ALTER_CONSTRAINT, a, b);
            int i = a + 1;
            if (t.kw(i, "COLUMN")) i++;
            int col = i++;
            ActionKind k;
            int focus = i;
            if (t.kw(i, "TYPE") || t.kwSeq(i, "SET", "DATA", "TYPE")) k = ActionKind.ALTER_COLUMN_TYPE;
            else if (t.kwSeq(i, "SET", "DEFAULT")) k = ActionKind.SET_DEFAULT;
            else if (t.kwSeq(i, "DROP", "DEFAULT")) k = ActionKind.DROP_DEFAULT;
            else if (t.kwSeq(i, "SET", "NOT", "NULL")) k = ActionKind.SET_NOT_NULL;
            else if (t.kwSeq(i, "DROP", "NOT", "NULL")) k = ActionKind.DROP_NOT_NULL;
            else if (t.kwSeq(i, "SET", "STATISTICS")) k = ActionKind.SET_STATISTICS;
            else if (t.kwSeq(i, "SET", "STORAGE")) k = ActionKind.SET_STORAGE;
            else if (t.kwSeq(i, "DROP", "EXPRESSION")) k = ActionKind.DROP_EXPRESSION;
            else if (t.kwSeq(i, "ADD", "GENERATED") || t.kwSeq(i, "SET", "GENERATED") || t.kw(i, "RESTART")
                    || t.kwSeq(i, "DROP", "IDENTITY")
                    || (t.kw(i, "SET") && t.kw(i + 1, "INCREMENT", "MINVALUE", "MAXVALUE", "START", "CACHE", "CYCLE", "NO"))) {
                k = ActionKind.IDENTITY;
            } else k = ActionKind.ALTER_COLUMN_OTHER;
            act = new AlterAction(k, a, b);
            act.column = col;
            act.focus = Math.min(focus, b);
            return act;
        }
        ActionKind k = ActionKind.OTHER;
        if (t.kwSeq(a, "VALIDATE", "CONSTRAINT")) k = ActionKind.VALIDATE_CONSTRAINT;
        else if ((t.kw(a, "ENABLE", "DISABLE", "FORCE") && t.kwSeq(a + 1, "ROW", "LEVEL", "SECURITY"))
                || t.kwSeq(a, "NO", "FORCE", "ROW", "LEVEL", "SECURITY")) k = ActionKind.ROW_LEVEL_SECURITY;
        else if (t.kwSeq(a, "REPLICA", "IDENTITY")) k = ActionKind.REPLICA_IDENTITY;
        else if (t.kw(a, "ENABLE", "DISABLE") && (t.kw(a + 1, "RULE") || (t.kw(a + 1, "REPLICA", "ALWAYS") && t.kw(a + 2, "RULE")))) {
            k = ActionKind.RULE;
        } else if (t.kw(a, "ENABLE", "DISABLE")) k = ActionKind.TRIGGER;
        else if ((t.kw(a, "SET") || t.kw(a, "RESET")) && t.is(a + 1, TokenType.LPAREN)) k = ActionKind.STORAGE_PARAMETERS;
        else if (t.kwSeq(a, "SET", "SCHEMA")) k = ActionKind.SET_SCHEMA;
        else if (t.kwSeq(a, "SET", "TABLESPACE") || t.kwSeq(a, "SET", "LOGGED") || t.kwSeq(a, "SET", "UNLOGGED")
                || t.kwSeq(a, "CLUSTER", "ON") || t.kwSeq(a, "SET", "WITHOUT") || t.kwSeq(a, "SET", "ACCESS", "METHOD")) {
            k = ActionKind.PHYSICAL_OPTION;
        }
        else if (t.kw(a, "INHERIT") || t.kwSeq(a, "NO", "INHERIT")) k = ActionKind.INHERIT;
        else if (t.kwSeq(a, "ATTACH", "PARTITION")) k = ActionKind.ATTACH_PARTITION;
        else if (t.kwSeq(a, "DETACH", "PARTITION")) k = ActionKind.DETACH_PARTITION;
        else if (t.kwSeq(a, "OWNER", "TO")) k = ActionKind.OWNER;
        else if (t.kw(a, "RENAME")) k = ActionKind.RENAME;
        return new AlterAction(k, a, b);
    }

    /** Key words that start a column constraint or option after the type of a column definition. */
    private static final String[] COLUMN_CLAUSE_START = {"CONSTRAINT", "DEFAULT", "NOT", "NULL", "CHECK", "UNIQUE",
            "PRIMARY", "REFERENCES", "GENERATED", "COLLATE", "STORAGE", "COMPRESSION", "DEFERRABLE", "INITIALLY"};

    private static void parseColumnDefinition(Tokens t, AlterAction act, int i, int b) {
        act.column = i;
        int typeStart = i + 1;
        int end = b + 1;
        int clause = t.findTopLevel(typeStart, end, COLUMN_CLAUSE_START);
        int typeEnd = clause < 0 ? end : clause;
        if (typeEnd > typeStart) {
            act.typeFrom = typeStart;
            act.typeTo = typeEnd - 1;
        }
        int j = typeEnd;
        int pendingName = -1, pendingFrom = -1;
        while (j < end) {
            int start = pendingFrom >= 0 ? pendingFrom : j;
            if (t.kw(j, "CONSTRAINT")) {
                pendingFrom = j;
                pendingName = j + 1;
                j += 2;
                continue;
            }
            ColumnConstraint c = null;
            if (t.kw(j, "DEFAULT")) {
                int exprFrom = j + 1;
                int stop = t.findTopLevel(exprFrom + 1, end, COLUMN_CLAUSE_START);
                int exprTo = (stop < 0 ? end : stop) - 1;
                c = new ColumnConstraint(ColumnConstraint.Kind.DEFAULT, start, exprTo, pendingName, j, exprFrom, exprTo);
                j = exprTo + 1;
            } else if (t.kwSeq(j, "NOT", "NULL")) {
                c = new ColumnConstraint(ColumnConstraint.Kind.NOT_NULL, start, j + 1, pendingName, j, j, j + 1);
                j += 2;
            } else if (t.kw(j, "NULL")) {
                c = new ColumnConstraint(ColumnConstraint.Kind.NULL, start, j, pendingName, j, j, j);
                j += 1;
            } else if (t.kw(j, "CHECK")) {
                int close = t.is(j + 1, TokenType.LPAREN) ? t.closing(j + 1) : j;
                int to = close;
                if (t.kwSeq(to + 1, "NO", "INHERIT")) to += 2;
                c = new ColumnConstraint(ColumnConstraint.Kind.CHECK, start, to, pendingName, j, j + 1, close);
                j = to + 1;
            } else if (t.kw(j, "UNIQUE") || t.kwSeq(j, "PRIMARY", "KEY")) {
                boolean unique = t.kw(j, "UNIQUE");
                int k = unique ? j + 1 : j + 2;
                if (t.kw(k, "NULLS")) k += t.kw(k + 1, "NOT") ? 3 : 2;
                while (k < end) {
                    if (t.kw(k, "INCLUDE") || t.kw(k, "WITH")) k = t.skipParens(k + 1);
                    else if (t.kwSeq(k, "USING", "INDEX", "TABLESPACE")) k += 4;
                    else break;
                }
                c = new ColumnConstraint(unique ? ColumnConstraint.Kind.UNIQUE : ColumnConstraint.Kind.PRIMARY_KEY,
                        start, k - 1, pendingName, j, j, k - 1);
                j = k;
            } else if (t.kw(j, "REFERENCES")) {
                int k = t.skipQualifiedName(j + 1);
                k = t.skipParens(k);
                while (k < end) {
                    if (t.kw(k, "MATCH")) k += 2;
                    else if (t.kw(k, "ON") && t.kw(k + 1, "DELETE", "UPDATE")) {
                        k += 2;
                        if (t.kw(k, "NO")) k += 2;
                        else if (t.kw(k, "SET")) k = t.skipParens(k + 2);
                        else k += 1;
                    } else break;
                }
                c = new ColumnConstraint(ColumnConstraint.Kind.REFERENCES, start, k - 1, pendingName, j, j, k - 1);
                j = k;
            } else if (t.kw(j, "GENERATED")) {
                int k = j + 1;
                if (t.kw(k, "ALWAYS")) k++;
                else if (t.kwSeq(k, "BY", "DEFAULT")) k += 2;
                if (t.kw(k, "AS")) k++;
                if (t.kw(k, "IDENTITY")) {
                    k = t.skipParens(k + 1);
                    c = new ColumnConstraint(ColumnConstraint.Kind.IDENTITY, start, k - 1, pendingName, j, j, k - 1);
                } else {
                    k = t.skipParens(k);
                    if (t.kw(k, "STORED")) k++;
                    c = new ColumnConstraint(ColumnConstraint.Kind.GENERATED_STORED, start, k - 1, pendingName, j, j, k - 1);
                }
                j = k;
            } else if (t.kw(j, "DEFERRABLE") || t.kwSeq(j, "NOT", "DEFERRABLE") || t.kw(j, "INITIALLY")) {
                int k = t.kw(j, "NOT") ? j + 2 : t.kw(j, "INITIALLY") ? j + 2 : j + 1;
                if (!act.constraints.isEmpty()) {
                    int last = act.constraints.size() - 1;
                    act.constraints.set(last, act.constraints.get(last).withTo(k - 1));
                }
                j = k;
                continue;
            } else if (t.kw(j, "COLLATE", "STORAGE", "COMPRESSION")) {
                j = t.kw(j, "COLLATE") ? t.skipQualifiedName(j + 1) : j + 2;
                continue;
            } else {
                j++;
                continue;
            }
            act.constraints.add(c);
            pendingName = -1;
            pendingFrom = -1;
        }
    }

    private static void parseTableConstraint(Tokens t, AlterAction act, int i, int b) {
        if (t.kw(i, "CONSTRAINT")) {
            act.constraintName = i + 1;
            i += 2;
        }
        act.constraintKeyword = i;
        act.focus = i;
        int k = t.kw(i, "PRIMARY", "FOREIGN") ? i + 2 : i + 1;
        if (t.kw(i, "UNIQUE") && t.kw(k, "NULLS")) k += t.kw(k + 1, "NOT") ? 3 : 2;
        if (t.kwSeq(k, "USING", "INDEX")) act.usingIndex = k;
        else if (t.is(k, TokenType.LPAREN)) {
            act.columnsOpen = k;
            act.columnsClose = t.closing(k);
        }
        for (int j = i; j < b; j++) {
            if (t.kwSeq(j, "NOT", "VALID")) act.notValid = j;
        }
    }
}
