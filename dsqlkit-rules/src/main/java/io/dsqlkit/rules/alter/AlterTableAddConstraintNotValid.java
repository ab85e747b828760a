package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Names;
import io.dsqlkit.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * CHECK and FOREIGN KEY constraints on an existing table must be added {@code NOT VALID} and then
 * validated with {@code ALTER TABLE ASYNC ... VALIDATE CONSTRAINT} (dsql-facts §1.7, §1.8, since
 * 2026-08-03). The fix names an unnamed constraint explicitly (PostgreSQL's default name) so the
 * VALIDATE statement can refer to it. Under 2025-05 neither form existed.
 */
public final class AlterTableAddConstraintNotValid extends AlterTableActionRule {
    public static final String MESSAGE = AddConstraintMessages.UNSUPPORTED;

    public AlterTableAddConstraintNotValid() {
        super("alter-table-add-constraint-not-valid", "0A000",
                "add CHECK/FOREIGN KEY constraints NOT VALID, then run ALTER TABLE ASYNC ... VALIDATE CONSTRAINT in its own transaction",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.ADD_CONSTRAINT || !s.t.kw(a.constraintKeyword, "CHECK", "FOREIGN")) return;
        boolean ga = !ctx.profile().isAtLeast(Profile.DSQL_2026_09);
        if (a.notValid >= 0 && !ga) return;
        // Under 2025-05 a foreign key is refused as such (create rule foreign-key-unsupported), whatever the form.
        if (ga && s.t.kw(a.constraintKeyword, "FOREIGN")) return;
        Fix fix = ga
                // UNVERIFIED (dsql-facts §0, §1.8): the GA surface had no NOT VALID constraints and no foreign keys; text assumed unchanged.
                ? Fix.unfixable("before 2026-08 DSQL could not add CHECK or FOREIGN KEY constraints to an existing table; "
                        + "declare CHECK constraints in CREATE TABLE")
                : fix(ctx, s, a);
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), MESSAGE, fix);
    }

    private static Fix fix(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        String src = ctx.source();
        List<TextEdit> edits = new ArrayList<>();
        String name;
        if (a.constraintName >= 0) {
            name = s.t.nameValue(a.constraintName);
        } else {
            if (s.t.kw(a.constraintKeyword, "FOREIGN")) {
                List<String> cols = new ArrayList<>();
                if (a.columnsOpen >= 0) {
                    for (int[] r : s.t.splitTopLevel(a.columnsOpen + 1, a.columnsClose)) {
                        if (r[0] < r[1]) cols.add(s.t.nameValue(r[0]));
                    }
                }
                name = Names.objectName(s.tableName(), cols, "fkey");
            } else {
                int open = a.constraintKeyword + 1;
                name = AlterFixes.checkName(s, open + 1, s.t.closing(open) - 1);
            }
            edits.add(TextEdit.insert(s.t.at(a.constraintKeyword).offset(), "CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(name) + " "));
        }
        TextEdit append = Edits.appendStatements(ctx.statement(), List.of(AlterFixes.validate(s.tableText(src), name)));
        int end = s.t.at(a.to).end();
        if (append.offset() == end) {
            // Unterminated last statement: both inserts land at one offset, so they must be one edit to keep their order.
            edits.add(TextEdit.insert(end, " NOT VALID" + append.replacement()));
        } else {
            edits.add(TextEdit.insert(end, " NOT VALID"));
            edits.add(append);
        }
        return Fix.of("add the constraint NOT VALID and validate it asynchronously in a separate statement", edits);
    }
}
