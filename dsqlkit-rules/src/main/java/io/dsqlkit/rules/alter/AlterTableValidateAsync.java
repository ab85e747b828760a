package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;

/**
 * {@code VALIDATE CONSTRAINT} runs only as an async job: {@code ALTER TABLE ASYNC t VALIDATE
 * CONSTRAINT c} (dsql-facts §1.7, §4); without ASYNC it is refused.
 */
public final class AlterTableValidateAsync extends AlterTableActionRule {
    public static final String MESSAGE = "unsupported ALTER TABLE VALIDATE CONSTRAINT statement";

    public AlterTableValidateAsync() {
        super("alter-table-validate-async", "0A000",
                "write ALTER TABLE ASYNC t VALIDATE CONSTRAINT c: it returns a job_id to wait on with CALL sys.wait_for_job",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, AlterTableStatement s, AlterAction a) {
        if (a.kind != ActionKind.VALIDATE_CONSTRAINT || s.async >= 0) return;
        Fix fix;
        if (!ctx.profile().isAtLeast(Profile.DSQL_2026_09)) {
            fix = Fix.unfixable("ALTER TABLE ASYNC ... VALIDATE CONSTRAINT arrived in 2026-07/08");
        } else if (s.actions.size() > 1) {
            fix = Fix.unfixable("ASYNC applies to the whole statement; move VALIDATE CONSTRAINT into its own ALTER TABLE ASYNC");
        } else {
            fix = Fix.of("add ASYNC after TABLE", TextEdit.insert(s.t.at(s.tableKw).end(), " ASYNC"));
        }
        ctx.report(this, s.t.at(a.from), s.t.at(a.to), MESSAGE, fix);
    }
}
