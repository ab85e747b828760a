package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;

import java.util.Set;

/** A rule over {@code CREATE [UNIQUE] INDEX} statements. */
abstract class CreateIndexRule extends BaseRule implements StatementRule {
    CreateIndexRule(String id, String sqlstate, String help, Set<Profile> profiles, String... messages) {
        super(id, sqlstate, help, profiles, messages);
    }

    @Override
    public final void check(StatementContext ctx) {
        if (ctx.tokens().isEmpty() || !ctx.tokens().get(0).isKeyword("CREATE")) return;
        CreateIndexStatement s = CreateIndexStatement.of(ctx);
        if (s != null) check(ctx, s);
    }

    abstract void check(StatementContext ctx, CreateIndexStatement s);
}
