package io.dsqlkit.rules.create;

import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/** dsql-facts §2: a primary key or unique constraint has at most 8 key columns (INCLUDE columns aside). */
public final class TooManyKeyColumnsRule extends SurfaceRule {
    static final int MAX = 8;

    public TooManyKeyColumnsRule() {
        super("too-many-key-columns", DsqlErrors.TOO_MANY_INDEX_COLUMNS.sqlstate(),
                "use at most 8 key columns; move the others to INCLUDE (...) or key on a surrogate id");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        CreateTable ct = CreateTable.parse(t);
        if (ct == null) return;
        for (Range r : ct.tableConstraints(t)) {
            int i = r.from();
            if (Tokens.is(t, i, "CONSTRAINT")) i += 2;
            int open = Tokens.match(t, i, "PRIMARY KEY|UNIQUE", "?NULLS NOT DISTINCT|NULLS DISTINCT");
            if (open < 0 || !Tokens.isType(t, open, TokenType.LPAREN)) continue;
            int close = Tokens.close(t, open);
            if (close < 0 || close > r.to()) continue;
            if (Tokens.splitTopLevel(t, open + 1, close).size() <= MAX) continue;
            ctx.report(this, t.get(i), t.get(close), DsqlErrors.TOO_MANY_INDEX_COLUMNS.message(), null);
        }
    }

    @Override
    public List<String> messages() {
        return List.of(DsqlErrors.TOO_MANY_INDEX_COLUMNS.message());
    }
}
