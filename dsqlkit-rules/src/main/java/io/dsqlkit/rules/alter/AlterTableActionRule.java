package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;

import java.util.Set;

/** A rule over the actions of {@code ALTER TABLE}; each action is checked on its own. */
abstract class AlterTableActionRule extends BaseRule implements StatementRule {
    AlterTableActionRule(String id, String sqlstate, String help, Set<Profile> profiles, String... messages) {
        super(id, sqlstate, help, profiles, messages);
    }

    @Override
    public final void check(StatementContext ctx) {
        if (ctx.tokens().size() < 3 || !ctx.tokens().get(0).isKeyword("ALTER")) return;
        AlterTableStatement s = AlterTableStatement.of(ctx);
        if (s == null) return;
        for (AlterAction a : s.actions) check(ctx, s, a);
    }

    abstract void check(StatementContext ctx, AlterTableStatement s, AlterAction a);
}
