package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Names;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.SqlText;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD COLUMN} must be bare: any DEFAULT, NOT NULL, CHECK, UNIQUE, REFERENCES or identity
 * clause is refused (dsql-facts §1.7, §1.5). The fix adds the column bare and then, as separate
 * statements (each its own transaction, since DSQL allows one DDL per transaction):
 * {@code SET DEFAULT} first (so rows written meanwhile get it), a backfill UPDATE of the existing
 * rows, and each constraint as {@code ADD CONSTRAINT ... NOT VALID} plus
 * {@code ALTER TABLE ASYNC ... VALIDATE CONSTRAINT}. NOT NULL cannot be added to an existing
 * column (SET NOT NULL is refused), so it becomes a validated {@code CHECK (c IS NOT NULL)}.
 */
public final class AlterTableAddColumnConstraint extends AlterTableActionRule {
    public static final String MESSAGE = "ALTER TABLE ADD COLUMN with constraint not supported";

    public AlterTableAddColumnConstraint() {
        super("alter-table-add-column-constraint", "0A000",
                "add the column bare, then ALTER COLUMN ... SET DEFAULT, backfill in batches, and add constraints NOT VALID + ALTER TABLE ASYNC ... VALIDATE",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.ADD_COLUMN || a.constraints.isEmpty()) return;
        int first = a.constraints.get(0).from();
        int last = a.constraints.get(a.constraints.size() - 1).to();
        ctx.report(this, s.t.at(first), s.t.at(last), MESSAGE, fix(ctx, s, a));
    }

    private static Fix fix(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (!ctx.profile().isAtLeast(Profile.DSQL_2026_09)) {
            return Fix.unfixable("before 2026-07 DSQL accepted neither ALTER COLUMN ... SET DEFAULT nor ADD CONSTRAINT ... NOT VALID; "
                    + "add the column bare and set its value in the application");
        }
        String src = ctx.source();
        Tokens t = s.t;
        String table = s.tableText(src);
        String col = t.text(src, a.column, a.column);
        String colName = t.nameValue(a.column);
        List<TextEdit> edits = new ArrayList<>();
        List<String> after = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        for (ColumnConstraint c : a.constraints) {
            String given = c.name() >= 0 ? t.nameValue(c.name()) : null;
            switch (c.kind()) {
                case PRIMARY_KEY -> {
                    return Fix.unfixable("DSQL cannot add a primary key to an existing table; define the column in CREATE TABLE "
                            + "(recreate the table and copy the rows)");
                }
                case IDENTITY -> {
                    return Fix.unfixable("an identity column needs NOT NULL, which DSQL cannot add to an existing column; "
                            + "add a bigint column with DEFAULT nextval('<sequence created WITH CACHE 65536>') instead");
                }
                case GENERATED_STORED -> {
                    return Fix.unfixable("a stored generated column can only be created with the table");
                }
                case DEFAULT -> {
                    String expr = t.text(src, c.bodyFrom(), c.bodyTo());
                    if (!expr.equalsIgnoreCase("null")) {
                        after.add("ALTER TABLE " + table + " ALTER COLUMN " + col + " SET DEFAULT " + expr);
                        after.add(AlterFixes.BACKFILL_COMMENT + "UPDATE " + table + " SET " + col + " = " + expr
                                + " WHERE " + col + " IS NULL");
                    }
                }
                case NOT_NULL -> {
                    String n = given != null ? given : Names.objectName(s.tableName(), List.of(colName), "not_null");
                    constraints.add("-- dsqlkit: DSQL cannot add NOT NULL to an existing column; this validated CHECK enforces it\n"
                            + "ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(n) + " CHECK (" + col
                            + " IS NOT NULL) NOT VALID");
                    constraints.add(AlterFixes.validate(table, n));
                }
                case CHECK -> {
                    String n = given != null ? given : Names.objectName(s.tableName(), List.of(colName), "check");
                    constraints.add("ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(n) + " CHECK "
                            + t.text(src, c.bodyFrom(), c.bodyTo()) + " NOT VALID");
                    constraints.add(AlterFixes.validate(table, n));
                }
                case REFERENCES -> {
                    String n = given != null ? given : Names.objectName(s.tableName(), List.of(colName), "fkey");
                    constraints.add("ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(n) + " FOREIGN KEY (" + col + ") "
                            + t.text(src, c.bodyFrom(), c.bodyTo()) + " NOT VALID");
                    constraints.add(AlterFixes.validate(table, n));
                }
                case UNIQUE -> {
                    String n = given != null ? given : Names.objectName(s.tableName(), List.of(colName), "key");
                    constraints.add(UniqueIndexFix.createIndex(t, src, table, n, col, c.keyword() + 1, c.bodyTo()));
                    constraints.add(AlterFixes.WAIT_COMMENT + "ALTER TABLE " + table + " ADD CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(n)
                            + " UNIQUE USING INDEX " + SqlText.quoteIdentifierIfNeeded(n));
                }
                // A bare NULL is a constraint node too; its refusal is UNVERIFIED (dsql-facts §1.7 lists DEFAULT, NOT NULL, CHECK, UNIQUE, identity).
                case NULL -> { }
            }
            edits.add(Edits.deleteRangeWithLeadingSpace(src, t.at(c.from()), t.at(c.to())));
        }
        after.addAll(constraints);
        if (!after.isEmpty()) edits.add(Edits.appendStatements(ctx.statement(), after));
        return Fix.of("add the column bare; set the default, backfill and add the constraints in separate statements", edits);
    }
}
