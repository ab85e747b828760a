package io.dsqlkit.rules.types;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.Set;

/**
 * dsql-facts §1.1: DSQL ships no text search configurations, so full-text search functions given
 * a configuration name ({@code to_tsvector('english', ...)}, {@code 'english'::regconfig}) fail.
 */
public final class TextSearchConfig extends BaseRule implements StatementRule {
    private static final Set<String> FUNCTIONS = Set.of("to_tsvector", "to_tsquery", "plainto_tsquery",
            "phraseto_tsquery", "websearch_to_tsquery", "ts_headline", "json_to_tsvector", "jsonb_to_tsvector");

    public TextSearchConfig() {
        super("text-search-config", "42704",
                "DSQL has no full-text search; use ILIKE / LIKE on indexed prefixes, or an external search service");
    }

    static String message(String config) {
        return "text search configuration \"" + config + "\" does not exist";
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.type() == TokenType.IDENTIFIER && Tokens.isType(t, i + 1, TokenType.LPAREN)
                    && Tokens.isType(t, i + 2, TokenType.STRING) && Tokens.isType(t, i + 3, TokenType.COMMA)
                    && FUNCTIONS.contains(k.text().toLowerCase(java.util.Locale.ROOT))
                    && !(Tokens.isType(t, i - 1, TokenType.DOT) && !Tokens.is(t, i - 2, "pg_catalog"))) {
                String config = Tokens.stringValue(t.get(i + 2));
                if (config != null) ctx.report(this, k, t.get(i + 2), message(config), null);
                i += 2;
            } else if (k.type() == TokenType.STRING && Tokens.isType(t, i + 1, TokenType.TYPECAST)
                    && Tokens.is(t, i + 2, "regconfig")) {
                String config = Tokens.stringValue(k);
                if (config != null) ctx.report(this, k, t.get(i + 2), message(config), null);
            }
        }
    }

    @Override
    public List<String> messages() {
        return List.of(message("english"));
    }
}
