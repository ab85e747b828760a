package io.dsqlkit.rules.session;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

/**
 * {@code SET}/{@code SET LOCAL}/{@code RESET} of a parameter outside DSQL's allowlist is refused
 * (dsql-facts §1.3; recorded for default_transaction_isolation). SET TRANSACTION and SET SESSION
 * CHARACTERISTICS have their own rule; SET CONSTRAINTS is a supported statement, not a parameter.
 */
public final class SetParameter extends BaseRule implements StatementRule {
    public static final String EXAMPLE = "setting configuration parameter \"statement_timeout\" not supported";

    public SetParameter() {
        super("set-parameter", "0A000",
                "DSQL lets sessions set only application_name, client_encoding, DateStyle, extra_float_digits, IntervalStyle, "
                        + "TimeZone, search_path, role and enable_* planner toggles; remove the SET",
                ALL_PROFILES, EXAMPLE, "setting configuration parameter \"default_transaction_isolation\" not supported");
    }

    /** The message for {@code name} (for RESET too: UNVERIFIED (dsql-facts §1.3), only SET was recorded). */
    public static String message(String name) {
        return "setting configuration parameter \"" + name + "\" not supported";
    }

    @Override
    public void check(StatementContext ctx) {
        Tokens t = new Tokens(ctx.tokens());
        boolean reset = t.kw(0, "RESET");
        if (!reset && !t.kw(0, "SET")) return;
        int i = 1;
        if (!reset && t.kw(i, "SESSION", "LOCAL") && !t.kwSeq(i, "SESSION", "AUTHORIZATION")
                && !t.kwSeq(i, "SESSION", "CHARACTERISTICS")) i++;
        if (!reset && t.kw(i, "TRANSACTION", "CONSTRAINTS")) return;
        if (!reset && t.kwSeq(i, "SESSION", "CHARACTERISTICS")) return;
        if (reset && t.kw(i, "ALL")) return;
        SessionParameters.Name param = SessionParameters.Name.at(t, i);
        if (param == null) return;
        String name = param.name();
        int nameFrom = i, nameTo = param.last();
        // GUC names are case-insensitive even when quoted (SET "TimeZone" works on PostgreSQL).
        if (param.allowed(ctx.profile())) return;
        String value = null;
        int v = nameTo + 1;
        if (t.kw(v, "TO") || (t.is(v, TokenType.OPERATOR) && t.at(v).text().equals("="))) v++;
        Token valueToken = t.at(v);
        if (valueToken != null && v == t.size() - 1) value = valueToken.text();
        Fix fix = SessionParameters.safeToDrop(name.toLowerCase(java.util.Locale.ROOT), reset ? "on" : value)
                ? Fix.of("remove the statement: " + name + " does not change what the script does on DSQL",
                        Edits.deleteStatement(ctx.source(), ctx.statement()))
                : Fix.unfixable("the script relies on " + name + "; DSQL keeps its own setting, so check that the statements "
                        + "after it still do what you mean, then remove it");
        ctx.report(this, t.at(nameFrom), t.at(nameTo), message(name), fix);
    }
}
