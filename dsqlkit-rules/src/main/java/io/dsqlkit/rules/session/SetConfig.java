package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.TokenType;

/**
 * {@code set_config('name', ...)} goes through the same parameter check as SET: pg_dump's
 * {@code set_config('restrict_nonsystem_relation_kind', ...)} is refused (dsql-facts §1.3). Only
 * literal names off the allowlist are flagged; a computed name cannot be judged statically.
 */
public final class SetConfig extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.3): [PGDUMP] quotes the refusal as "not supported"; assumed to be the SET text.
    public static final String EXAMPLE = "setting configuration parameter \"restrict_nonsystem_relation_kind\" not supported";

    public SetConfig() {
        super("set-config", "0A000",
                "only allowlisted parameters can be set (see set-parameter); remove the set_config call",
                ALL_PROFILES, EXAMPLE);
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        for (int i = 0; i < t.size(); i++) {
            if (!t.kw(i, "set_config") || !t.is(i + 1, TokenType.LPAREN)) continue;
            if (t.is(i - 1, TokenType.DOT) && !t.kw(i - 2, "pg_catalog")) continue;
            if (!t.is(i + 2, TokenType.STRING) || !t.at(i + 2).text().startsWith("'")) continue;
            String raw = t.at(i + 2).text();
            String name = raw.substring(1, raw.length() - (raw.endsWith("'") && raw.length() > 1 ? 1 : 0))
                    .replace("''", "'").toLowerCase(java.util.Locale.ROOT);
            if (SessionParameters.allowed(name, ctx.profile())) continue;
            int start = t.is(i - 1, TokenType.DOT) ? i - 2 : i;
            int close = t.closing(i + 1);
            boolean wholeSelect = t.kw(0, "SELECT") && start == 1 && close == t.size() - 1;
            Fix fix = wholeSelect && SessionParameters.safeToDrop(name, null)
                    ? Fix.of("remove the statement: " + name + " does not change what the script does on DSQL",
                            Edits.deleteStatement(ctx.source(), ctx.statement()))
                    : Fix.unfixable("the query relies on setting " + name + ", which DSQL does not allow");
            ctx.report(this, t.at(start), t.at(close), SetParameter.message(name), fix);
        }
    }
}
