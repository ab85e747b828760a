package io.dsqlkit.rules.types;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * dsql-facts §1.1 ([OBS queries]): the geometric types do not exist even at run time, so their
 * constructor functions fail naming the type.
 */
public final class GeometricFunction extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.1): line() and circle() are observed; point, lseg, box, path and
    // polygon are the same family and are assumed to fail alike.
    private static final Set<String> CONSTRUCTORS = Set.of("point", "line", "lseg", "box", "path", "polygon", "circle");
    /** Words after which {@code name (} is a relation or routine name with a column list, not a call. */
    private static final Set<String> NAME_CONTEXT = Set.of("table", "into", "from", "join", "update", "references",
            "on", "only", "exists", "view", "function", "procedure", "type", "index", "sequence", "trigger",
            "domain", "copy", "aggregate", "routine", "statistics", "as", "with", "recursive", "lateral", "analyze",
            "tables", "vacuum");

    public GeometricFunction() {
        super("geometric-function", "0A000",
                "DSQL has no geometric types; store coordinates in numeric or double precision columns and compute in SQL");
    }

    static String message(String type) {
        return "datatype " + type + " not supported";
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.type() != TokenType.IDENTIFIER || !Tokens.isType(t, i + 1, TokenType.LPAREN)) continue;
            String name = k.text().toLowerCase(Locale.ROOT);
            if (!CONSTRUCTORS.contains(name)) continue;
            if (Tokens.isType(t, i - 1, TokenType.DOT) && !Tokens.is(t, i - 2, "pg_catalog")) continue;
            int prev = Tokens.isType(t, i - 1, TokenType.DOT) ? i - 3 : i - 1;
            if (prev >= 0 && t.get(prev).type() == TokenType.IDENTIFIER
                    && NAME_CONTEXT.contains(t.get(prev).text().toLowerCase(Locale.ROOT))) continue;
            ctx.report(this, k, message(name), null);
            return;
        }
    }

    @Override
    public List<String> messages() {
        return List.of(message("line"), message("circle"));
    }
}
