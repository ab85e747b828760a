package io.dsqlkit.rules.script;

import io.dsqlkit.rules.alter.ActionKind;
import io.dsqlkit.rules.alter.AlterAction;
import io.dsqlkit.rules.alter.AlterTableStatement;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.TypeName;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables a script has defined so far (column types and primary-key columns), replayed
 * statement by statement. Rules that need the catalog use it only for tables created earlier in
 * the same file; anything else is unknown and never flagged.
 */
public final class ScriptSchema {
    /** A table seen in the script: canonical column types and primary-key columns, by folded name. */
    public static final class Table {
        public final String schema;
        public final Map<String, String> columnTypes = new LinkedHashMap<>();
        public final Set<String> primaryKey = new LinkedHashSet<>();

        Table(String schema) {
            this.schema = schema;
        }
    }

    private final Map<String, Table> tables = new HashMap<>();

    /** The table named by tokens {@code from..to} (a possibly qualified name), or null when unknown. */
    public Table lookup(Tokens t, int from, int to) {
        Table table = tables.get(t.nameValue(to));
        if (table == null) return null;
        String schema = to > from ? t.nameValue(from) : null;
        if (schema != null && table.schema != null && !schema.equals(table.schema)) return null;
        return table;
    }

    /** Applies the effect of {@code s} (CREATE TABLE, ALTER TABLE ADD/DROP COLUMN, DROP TABLE). */
    public void apply(Statement s) {
        List<Token> sig = s.significant();
        Tokens t = new Tokens(sig);
        if (t.kw(0, "CREATE")) {
            CreateTable ct = CreateTable.parse(sig);
            if (ct == null || ct.isCreateTableAs() || ct.elementsOpen() < 0) return;
            int nameFrom = t.kwSeq(ct.tableKeyword() + 1, "IF", "NOT", "EXISTS") ? ct.tableKeyword() + 4 : ct.tableKeyword() + 1;
            int nameTo = ct.nameEnd() - 1;
            Table table = new Table(nameTo > nameFrom ? t.nameValue(nameFrom) : null);
            for (ColumnDefinition c : ct.columns(sig)) {
                String col = t.nameValue(c.name());
                table.columnTypes.put(col, c.type().canonical() + (c.type().isArray() ? "[]" : ""));
                if (c.has(sig, "PRIMARY")) table.primaryKey.add(col);
            }
            for (Range r : ct.tableConstraints(sig)) {
                int k = t.kw(r.from(), "CONSTRAINT") ? r.from() + 2 : r.from();
                if (t.kwSeq(k, "PRIMARY", "KEY") && t.is(k + 2, TokenType.LPAREN)) {
                    for (int[] p : t.splitTopLevel(k + 3, t.closing(k + 2))) {
                        if (p[0] < p[1]) table.primaryKey.add(t.nameValue(p[0]));
                    }
                }
            }
            tables.put(t.nameValue(nameTo), table);
        } else if (t.kwSeq(0, "ALTER", "TABLE")) {
            AlterTableStatement at = AlterTableStatement.parse(t);
            if (at == null) return;
            Table table = lookup(t, at.tableFrom, at.tableTo);
            if (table == null) return;
            for (AlterAction a : at.actions) {
                if (a.kind == ActionKind.ADD_COLUMN && a.typeFrom >= 0) {
                    TypeName type = TypeName.parse(sig, a.typeFrom);
                    if (type != null) table.columnTypes.put(t.nameValue(a.column), type.canonical() + (type.isArray() ? "[]" : ""));
                } else if (a.kind == ActionKind.DROP_COLUMN && a.column >= 0) {
                    table.columnTypes.remove(t.nameValue(a.column));
                }
            }
        } else if (t.kwSeq(0, "DROP", "TABLE")) {
            int i = t.kwSeq(2, "IF", "EXISTS") ? 4 : 2;
            for (int[] p : t.splitTopLevel(i, t.size())) {
                if (p[0] >= p[1]) continue;
                int end = t.skipQualifiedName(p[0]);
                if (end > p[0]) tables.remove(t.nameValue(end - 1));
            }
        }
    }
}
