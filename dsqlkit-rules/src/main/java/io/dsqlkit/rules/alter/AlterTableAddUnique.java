package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Names;
import io.dsqlkit.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD [CONSTRAINT n] UNIQUE (cols)} is refused; only {@code UNIQUE USING INDEX idx} is
 * accepted (dsql-facts §1.7). The fix builds the index asynchronously and attaches it as the
 * constraint in a second statement, which must wait for the build job: until then DSQL answers
 * 55000 {@code index "idx" is not valid}.
 */
public final class AlterTableAddUnique extends AlterTableActionRule {
    public static final String MESSAGE = AddConstraintMessages.UNSUPPORTED;

    public AlterTableAddUnique() {
        super("alter-table-add-unique", "0A000",
                "CREATE UNIQUE INDEX ASYNC first, wait for its job, then ALTER TABLE ... ADD CONSTRAINT name UNIQUE USING INDEX name",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.ADD_CONSTRAINT || !s.t.kw(a.constraintKeyword, "UNIQUE") || a.usingIndex >= 0) return;
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), MESSAGE, fix(ctx, s, a));
    }

    private static Fix fix(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.columnsOpen < 0) return Fix.unfixable("the column list could not be read");
        for (int i = a.columnsClose + 1; i <= a.to; i++) {
            if (s.t.kw(i, "DEFERRABLE", "INITIALLY")) {
                return Fix.unfixable("a deferrable unique constraint has no index-only equivalent; decide whether deferral is needed");
            }
        }
        String src = ctx.source();
        String table = s.tableText(src);
        List<String> cols = new ArrayList<>();
        for (int[] r : s.t.splitTopLevel(a.columnsOpen + 1, a.columnsClose)) {
            if (r[0] < r[1]) cols.add(s.t.nameValue(r[0]));
        }
        String name = a.constraintName >= 0 ? s.t.nameValue(a.constraintName) : Names.objectName(s.tableName(), cols, "key");
        String create = UniqueIndexFix.createIndex(s.t, src, table, name,
                s.t.text(src, a.columnsOpen + 1, a.columnsClose - 1), a.constraintKeyword + 1, a.to);
        String attach = AlterFixes.WAIT_COMMENT + "ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(name)
                + " UNIQUE USING INDEX " + SqlText.quoteIdentifierIfNeeded(name);
        TextEdit remove = AlterFixes.removeAction(s, s.actions.indexOf(a));
        List<TextEdit> edits = new ArrayList<>();
        if (remove == null) {
            edits.add(Edits.replaceStatement(ctx.statement(), create));
            edits.add(Edits.appendStatements(ctx.statement(), List.of(attach)));
        } else {
            edits.add(remove);
            edits.add(Edits.appendStatements(ctx.statement(), List.of(create, attach)));
        }
        return Fix.of("build the unique index asynchronously, then attach it with ADD CONSTRAINT ... UNIQUE USING INDEX", edits);
    }
}
