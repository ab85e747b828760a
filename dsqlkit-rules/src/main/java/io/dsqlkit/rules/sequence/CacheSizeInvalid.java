package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.IdentityColumns;
import io.dsqlkit.rules.syntax.SequenceOptions;
import io.dsqlkit.rules.syntax.SequenceStatement;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.5: CACHE must be 1 or at least 65536 ([DOC-CS]); values in between are treated as
 * invalid (dsql-lint's validate_cache_options). The fix raises them to 65536: a CACHE above 1
 * already accepts gaps and per-session ordering, which is exactly what 65536 gives.
 */
public final class CacheSizeInvalid extends BaseRule implements StatementRule {
    static final long MIN_CACHED = 65536;

    public CacheSizeInvalid() {
        super("cache-size-invalid", "0A000",
                "use CACHE 65536 (or more) for speed, or CACHE 1 for strictly ordered values",
                since(Profile.DSQL_2026_09));
    }

    // UNVERIFIED (dsql-facts §1.5): the behaviour for 2..65535 was not recorded; these texts
    // follow the recorded "without an explicit cache size" messages.
    static String message(String subject, long cache) {
        return subject + " is not supported with CACHE " + cache
                + ". please define CACHE greater than or equal to 65536 or equal to 1";
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        SequenceStatement s = SequenceStatement.parse(t);
        if (s != null) {
            check(ctx, t, s.options(), s.alter() ? "ALTER SEQUENCE" : "CREATE SEQUENCE");
            return;
        }
        for (IdentityColumns.Declared d : IdentityColumns.of(t)) check(ctx, t, d.identity().options(), "identity column");
    }

    private void check(StatementContext ctx, List<Token> t, SequenceOptions o, String subject) {
        if (!o.hasCache() || o.cacheValue() == null) return;
        long v = o.cacheValue();
        if (v < 2 || v >= MIN_CACHED) return;
        Token from = t.get(o.cacheKeyword() + 1), to = t.get(o.cacheEnd());
        ctx.report(this, t.get(o.cacheKeyword()), to, message(subject, v),
                Fix.of("raise CACHE to 65536 (unique values, gaps and per-session order as with any CACHE > 1)",
                        new TextEdit(from.offset(), to.end() - from.offset(), "65536")));
    }

    @Override
    public List<String> messages() {
        return List.of(message("CREATE SEQUENCE", 100), message("identity column", 100));
    }
}
