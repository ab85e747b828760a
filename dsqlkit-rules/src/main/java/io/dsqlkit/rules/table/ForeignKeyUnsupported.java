package io.dsqlkit.rules.table;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.AlterTable;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.TableColumns;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * dsql-facts §0, §1.8: foreign keys arrived on 2026-08-26; the GA surface (2025-05) refused them.
 * Not flagged under the current profile.
 */
public final class ForeignKeyUnsupported extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.8): the pre-2026 text is unknown; this is AWS's skill-text heading.
    static final String MESSAGE = "Foreign key constraint not supported";

    public ForeignKeyUnsupported() {
        super("foreign-key-unsupported", "0A000",
                "on the 2025-05 surface enforce references in the application (or target the 2026-09 profile)",
                before(Profile.DSQL_2026_09));
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        List<Integer> at = new ArrayList<>();
        for (ColumnDefinition c : TableColumns.of(t)) {
            int ref = c.find(t, "REFERENCES");
            if (ref >= 0) at.add(ref);
        }
        List<Range> constraints = new ArrayList<>();
        CreateTable ct = CreateTable.parse(t);
        if (ct != null) constraints.addAll(ct.tableConstraints(t));
        AlterTable alter = AlterTable.parse(t);
        if (alter != null) constraints.addAll(alter.addedConstraints(t));
        for (Range r : constraints) {
            int i = r.from();
            if (Tokens.is(t, i, "CONSTRAINT")) i += 2;
            if (Tokens.at(t, i, "FOREIGN", "KEY")) at.add(i);
        }
        for (int i : at) {
            ctx.report(this, t.get(i), t.get(Math.min(i + 1, t.size() - 1)), MESSAGE,
                    Fix.unfixable("dropping the constraint loses referential integrity; check it in the application"));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
