package io.dsqlkit.rules.session;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.session.SessionParameters;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.1: ALTER ROLE/USER with options (PASSWORD, LOGIN, ...) is refused, and so is
 * {@code SET} of a parameter DSQL does not let sessions set. DSQL authenticates with IAM tokens, not
 * passwords (§5). Accepted: {@code RENAME TO}, {@code SET} of a parameter on the session allowlist
 * (§1.3; TypeORM runs {@code ALTER USER "admin" SET search_path = "public"} against real clusters) and
 * {@code RESET} (dsql-lint's sources list {@code RESET ALL} and {@code RESET work_mem} as running on DSQL).
 */
public final class AlterRole extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.1): dsql-lint's CI shows the refusal; the texts follow the
    // "unsupported statement: <node>" pattern (AlterRoleStmt, AlterRoleSetStmt).
    static final String OPTIONS = "unsupported statement: AlterRole";
    static final String SET = "unsupported statement: AlterRoleSet";

    public AlterRole() {
        super("alter-role", "0A000",
                "DSQL roles authenticate with IAM (AWS IAM GRANT); ALTER ROLE supports only RENAME TO, RESET, "
                        + "and SET of the session parameters DSQL allows (search_path, TimeZone, application_name, ...)");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        int pos = Tokens.match(t, 0, "ALTER", "ROLE|USER");
        if (pos < 0 || Tokens.at(t, pos, "MAPPING", "FOR")) return;
        int nameEnd = pos + 1;
        if (Tokens.is(t, nameEnd, "RENAME")) return;
        int clause = Tokens.at(t, nameEnd, "IN", "DATABASE") ? nameEnd + 3 : nameEnd;
        if (Tokens.is(t, clause, "RESET")) return;
        if (Tokens.is(t, clause, "SET")) {
            SessionParameters.Name param = SessionParameters.Name.at(new Tokens(t), clause + 1);
            if (param != null && param.allowed(ctx.profile())) return;
            ctx.report(this, t.get(0), t.get(pos - 1), SET, null);
            return;
        }
        ctx.report(this, t.get(0), t.get(pos - 1), OPTIONS, null);
    }

    @Override
    public List<String> messages() {
        return List.of(OPTIONS, SET);
    }
}
