package io.dsqlkit.rules.create;

import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.1: ALTER ROLE/USER with options (PASSWORD, LOGIN, ...) or SET/RESET is refused;
 * only {@code RENAME TO} is supported. DSQL authenticates with IAM tokens, not passwords (§5).
 */
public final class AlterRoleRule extends SurfaceRule {
    // UNVERIFIED (dsql-facts §1.1): dsql-lint's CI shows the refusal; the texts follow the
    // "unsupported statement: <node>" pattern (AlterRoleStmt, AlterRoleSetStmt).
    static final String OPTIONS = "unsupported statement: AlterRole";
    static final String SET = "unsupported statement: AlterRoleSet";

    public AlterRoleRule() {
        super("alter-role", "0A000",
                "DSQL roles authenticate with IAM (AWS IAM GRANT); only ALTER ROLE ... RENAME TO is supported");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        int pos = Tokens.match(t, 0, "ALTER", "ROLE|USER");
        if (pos < 0 || Tokens.at(t, pos, "MAPPING", "FOR")) return;
        int nameEnd = pos + 1;
        if (Tokens.is(t, nameEnd, "RENAME")) return;
        boolean set = Tokens.findTopLevel(t, pos, t.size(), "SET") >= 0
                || Tokens.findTopLevel(t, pos, t.size(), "RESET") >= 0;
        ctx.report(this, t.get(0), t.get(pos - 1), set ? SET : OPTIONS, null);
    }

    @Override
    public List<String> messages() {
        return List.of(OPTIONS, SET);
    }
}
