package io.dsqlkit.rules.function;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * dsql-facts §1.1: ALTER FUNCTION / ROUTINE changing a function's properties (IMMUTABLE, STRICT,
 * COST, SET parameter, ...) is refused; RENAME TO, OWNER TO, SET SCHEMA and [NO] DEPENDS ON EXTENSION
 * are supported (dsql-lint's sources list all four as running on DSQL).
 */
public final class AlterFunction extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.1): dsql-lint's CI shows the refusal; the text follows the
    // "unsupported statement: <node>" pattern (AlterFunctionStmt).
    static final String MESSAGE = "unsupported statement: AlterFunction";

    public AlterFunction() {
        super("alter-function", "0A000",
                "drop and recreate the function (CREATE OR REPLACE FUNCTION) with the new properties; "
                        + "only RENAME TO, OWNER TO, SET SCHEMA and DEPENDS ON EXTENSION can be altered");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        int pos = Tokens.match(t, 0, "ALTER", "FUNCTION|ROUTINE|PROCEDURE");
        if (pos < 0) return;
        int nameEnd = Tokens.skipQualifiedName(t, pos);
        if (nameEnd < 0) return;
        int action = nameEnd;
        if (Tokens.isType(t, action, TokenType.LPAREN)) {
            int close = Tokens.close(t, action);
            if (close < 0) return;
            action = close + 1;
        }
        if (action >= t.size() || Tokens.is(t, action, "RENAME") || Tokens.is(t, action, "OWNER")
                || Tokens.at(t, action, "SET", "SCHEMA") || Tokens.at(t, action, "DEPENDS", "ON", "EXTENSION")
                || Tokens.at(t, action, "NO", "DEPENDS", "ON", "EXTENSION")) return;
        ctx.report(this, t.get(action), t.get(action), MESSAGE, null);
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
