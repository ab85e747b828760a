package io.dsqlkit.rules.unsupported;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A statement DSQL refuses as a whole, recognised by its leading key words. The finding spans the
 * matched key words.
 */
public abstract class RejectedStatementRule extends BaseRule implements StatementRule {
    private final String message;
    private final Tokens.Pattern pattern;

    /** @param pattern a {@link Tokens#match} pattern anchored at the statement's first token */
    protected RejectedStatementRule(String id, String message, String help, String... pattern) {
        this(id, "0A000", message, help, EnumSet.allOf(Profile.class), pattern);
    }

    protected RejectedStatementRule(String id, String sqlstate, String message, String help, Set<Profile> profiles,
                          String... pattern) {
        super(id, sqlstate, help, profiles);
        this.message = message;
        this.pattern = Tokens.compile(pattern);
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        int end = pattern.match(t, 0);
        if (end <= 0 || !accept(t, end)) return;
        ctx.report(this, t.get(0), t.get(end - 1), message, fix(ctx, end));
    }

    /** Further conditions on the rest of the statement (after the matched words at {@code end}). */
    protected boolean accept(List<Token> t, int end) {
        return true;
    }

    /** The fix, or an unfixable marker; null for no fix. */
    protected Fix fix(StatementContext ctx, int end) {
        return null;
    }

    @Override
    public List<String> messages() {
        return List.of(message);
    }
}
