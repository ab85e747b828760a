package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/**
 * ALTER TABLE actions DSQL added after GA (dsql-facts §0): ENABLE/DISABLE TRIGGER ALL/USER
 * (2026-06), DROP NOT NULL / SET DEFAULT / DROP DEFAULT / ADD GENERATED AS IDENTITY (2026-07),
 * ALTER TABLE ASYNC ... VALIDATE (2026-07/08), DROP COLUMN (2026-08-03), ALTER CONSTRAINT on
 * foreign keys (2026-08-26). Applies to the 2025-05 profile only.
 */
public final class AlterTableActionAfterGa extends AlterTableActionRule {
    // UNVERIFIED (dsql-facts §0): the GA-era refusal texts were not recorded; they follow the "unsupported ALTER TABLE <action> statement" pattern.
    public static final String EXAMPLE = UnsupportedActionRule.message("DROP COLUMN");

    public AlterTableActionAfterGa() {
        super("alter-table-action-after-ga", "0A000",
                "this ALTER TABLE action arrived in 2026; on the GA surface recreate the table, or target the 2026-09 profile",
                GA_ONLY, EXAMPLE, UnsupportedActionRule.message("ALTER COLUMN ... SET DEFAULT"));
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        String words;
        String since;
        switch (a.kind) {
            case DROP_COLUMN -> { words = "DROP COLUMN"; since = "2026-08-03"; }
            case SET_DEFAULT -> { words = "ALTER COLUMN ... SET DEFAULT"; since = "2026-07"; }
            case DROP_DEFAULT -> { words = "ALTER COLUMN ... DROP DEFAULT"; since = "2026-07"; }
            case DROP_NOT_NULL -> { words = "ALTER COLUMN ... DROP NOT NULL"; since = "2026-07"; }
            case IDENTITY -> { words = "ALTER COLUMN ... IDENTITY"; since = "2026-07"; }
            case TRIGGER -> { words = s.t.at(a.from).text().toUpperCase(java.util.Locale.ROOT) + " TRIGGER"; since = "2026-06"; }
            case ALTER_CONSTRAINT -> { words = "ALTER CONSTRAINT"; since = "2026-08-26"; }
            case VALIDATE_CONSTRAINT -> {
                if (s.async < 0) return; // without ASYNC: alter-table-validate-async reports it
                words = "VALIDATE CONSTRAINT";
                since = "2026-07/08";
            }
            default -> { return; }
        }
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), UnsupportedActionRule.message(words),
                Fix.unfixable("DSQL accepts this action since " + since + "; the 2025-05 surface has no equivalent"));
    }
}
