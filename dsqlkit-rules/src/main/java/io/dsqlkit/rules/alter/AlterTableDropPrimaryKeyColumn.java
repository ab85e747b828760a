package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.script.ScriptSchema;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.alter.ActionKind;
import io.dsqlkit.rules.alter.AlterAction;
import io.dsqlkit.rules.alter.AlterTableStatement;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;

/**
 * {@code DROP COLUMN} is accepted since 2026-08-03, except for a primary-key column (dsql-facts
 * §1.7, recorded). The key is only known for tables created earlier in the same script.
 */
public final class AlterTableDropPrimaryKeyColumn extends BaseRule implements ScriptRule {
    public static final String EXAMPLE = "cannot drop primary key column id";

    public AlterTableDropPrimaryKeyColumn() {
        super("alter-table-drop-primary-key-column", "0A000",
                "DSQL stores rows by primary key: recreate the table with the new key and copy the rows instead",
                ALL_PROFILES, EXAMPLE);
    }

    private static final java.util.Set<String> RELEVANT = java.util.Set.of("CREATE TABLE", "ALTER TABLE", "DROP TABLE");

    @Override
    public void check(ScriptContext ctx) {
        ScriptSchema schema = new ScriptSchema();
        for (Statement s : ctx.statements()) {
            if (s.category() != StatementCategory.DDL || !RELEVANT.contains(s.kind())) continue;
            Tokens t = new Tokens(s.significant());
            AlterTableStatement at = t.kwSeq(0, "ALTER", "TABLE") ? AlterTableStatement.parse(t) : null;
            ScriptSchema.Table table = at == null ? null : schema.lookup(t, at.tableFrom, at.tableTo);
            if (table != null) {
                for (AlterAction a : at.actions) {
                    if (a.kind != ActionKind.DROP_COLUMN || a.column < 0) continue;
                    String col = t.nameValue(a.column);
                    if (!table.primaryKey.contains(col)) continue;
                    Token from = t.at(a.from);
                    ctx.report(this, from.offset(), t.at(a.to).end() - from.offset(), "cannot drop primary key column " + col,
                            Fix.unfixable("the primary key decides where DSQL stores each row; changing it means a new table "
                                    + "with the new key, a batched copy, and a rename"));
                }
            }
            schema.apply(s);
        }
    }
}
