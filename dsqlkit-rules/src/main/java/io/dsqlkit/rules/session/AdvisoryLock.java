package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Names;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.TokenType;

import java.util.Set;

/**
 * Advisory locks do not exist (dsql-facts §1.1; migration tools hit this: golang-migrate #1289,
 * goose #971, atlas #3539). DSQL names the function in the message.
 */
public final class AdvisoryLock extends BaseRule implements StatementRule {
    public static final String EXAMPLE = "function pg_advisory_lock not supported";

    /** Every advisory-lock function of PostgreSQL, by name (local DSQL's engine refuses them too, for any caller). */
    public static final Set<String> FUNCTIONS = Set.of("pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock",
            "pg_try_advisory_lock_shared", "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared",
            "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared", "pg_advisory_unlock",
            "pg_advisory_unlock_shared", "pg_advisory_unlock_all");

    public AdvisoryLock() {
        super("advisory-lock", "0A000",
                "DSQL has no advisory locks: serialise with a lock row updated inside the transaction (conflicts surface as 40001) "
                        + "or run migrations with dsqlkit migrate",
                ALL_PROFILES, EXAMPLE, "function pg_try_advisory_lock not supported");
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        for (int i = 0; i < t.size(); i++) {
            if (!t.is(i, TokenType.IDENTIFIER) || !t.is(i + 1, TokenType.LPAREN)) continue;
            String name = Names.lower(t.at(i).text());
            if (!FUNCTIONS.contains(name)) continue;
            if (t.is(i - 1, TokenType.DOT) && !t.kw(i - 2, "pg_catalog")) continue;
            int start = t.is(i - 1, TokenType.DOT) ? i - 2 : i;
            ctx.report(this, t.at(start), t.at(t.closing(i + 1)), "function " + name + " not supported", Fix.unfixable(
                    "an advisory lock serialises sessions; on DSQL use a row that each session updates in its transaction, "
                            + "so the loser fails with 40001 and retries"));
        }
    }
}
