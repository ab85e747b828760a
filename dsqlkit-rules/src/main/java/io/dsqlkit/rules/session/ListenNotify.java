package io.dsqlkit.rules.session;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1: LISTEN, NOTIFY and UNLISTEN are refused, each naming its statement. */
public final class ListenNotify extends BaseRule implements StatementRule {
    public ListenNotify() {
        super("listen-notify", "0A000",
                "DSQL has no LISTEN/NOTIFY; use a queue (SQS, EventBridge) or poll a table");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        String message = Tokens.is(t, 0, "LISTEN") ? "unsupported statement: Listen"
                : Tokens.is(t, 0, "NOTIFY") ? "unsupported statement: Notify"
                : Tokens.is(t, 0, "UNLISTEN") ? "unsupported statement: Unlisten" : null;
        if (message != null) ctx.report(this, t.get(0), message, null);
    }

    @Override
    public List<String> messages() {
        return List.of("unsupported statement: Listen", "unsupported statement: Notify", "unsupported statement: Unlisten");
    }
}
