package io.dsqlkit.rules.function;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * dsql-facts §1.1: only LANGUAGE sql functions (and SQL-standard {@code BEGIN ATOMIC} / {@code RETURN}
 * bodies) are accepted; any other language is refused with its name in the message.
 */
public final class FunctionLanguage extends BaseRule implements StatementRule {
    public FunctionLanguage() {
        super("function-language", "0A000",
                "rewrite the function in LANGUAGE sql (or move the logic into the application); PL/pgSQL is not supported");
    }

    static String message(String language) {
        return "CREATE FUNCTION with language " + language + " not supported";
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        int pos = Tokens.match(t, 0, "CREATE", "?OR REPLACE", "FUNCTION");
        if (pos < 0) return;
        int depth = 0;
        for (int i = pos; i < t.size(); i++) {
            TokenType ty = t.get(i).type();
            if (ty == TokenType.LPAREN) depth++;
            else if (ty == TokenType.RPAREN) depth--;
            else if (depth == 0 && Tokens.at(t, i, "BEGIN", "ATOMIC")) return;
            else if (depth == 0 && Tokens.is(t, i, "LANGUAGE") && i + 1 < t.size()) {
                Token lang = t.get(i + 1);
                String name = lang.type() == TokenType.STRING ? Tokens.stringValue(lang)
                        : Tokens.isName(t, i + 1) ? Tokens.folded(lang) : null;
                if (name == null || name.equals("sql")) return;
                ctx.report(this, t.get(i), lang, message(name), null);
                return;
            }
        }
    }

    @Override
    public List<String> messages() {
        return List.of(message("plpgsql"));
    }
}
