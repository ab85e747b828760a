package io.dsqlkit.rules.unsupported;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * dsql-facts §1.1: VACUUM is refused; DSQL reclaims space itself. {@code ANALYZE <relation>} is
 * supported, so {@code VACUUM ANALYZE t} becomes {@code ANALYZE t}.
 */
public final class Vacuum extends RejectedStatementRule {
    public Vacuum() {
        super("vacuum", "unsupported VACUUM statement",
                "remove it: DSQL manages storage itself (use ANALYZE <table> to refresh statistics)",
                "VACUUM");
    }

    @Override
    protected Fix fix(StatementContext ctx, int end) {
        List<Token> t = ctx.tokens();
        int pos = 1;
        boolean analyze = false;
        if (Tokens.isType(t, pos, TokenType.LPAREN)) {
            int close = Tokens.close(t, pos);
            if (close < 0) return Fix.unfixable("cannot read the options");
            for (int i = pos + 1; i < close; i++) if (Tokens.is(t, i, "ANALYZE") || Tokens.is(t, i, "ANALYSE")) analyze = true;
            pos = close + 1;
        } else {
            while (Tokens.is(t, pos, "FULL") || Tokens.is(t, pos, "FREEZE") || Tokens.is(t, pos, "VERBOSE")
                    || Tokens.is(t, pos, "ANALYZE") || Tokens.is(t, pos, "ANALYSE")) {
                if (!Tokens.is(t, pos, "FULL") && !Tokens.is(t, pos, "FREEZE") && !Tokens.is(t, pos, "VERBOSE")) analyze = true;
                pos++;
            }
        }
        int nameEnd = Tokens.skipQualifiedName(t, pos);
        if (!analyze || nameEnd < 0 || nameEnd != t.size()) {
            return Fix.unfixable("DSQL needs no VACUUM; delete the statement (ANALYZE <table> refreshes statistics)");
        }
        Token first = t.get(0), last = t.get(t.size() - 1);
        String table = ctx.source().substring(t.get(pos).offset(), last.end());
        return Fix.of("replace VACUUM ANALYZE with ANALYZE",
                new TextEdit(first.offset(), last.end() - first.offset(), "ANALYZE " + table));
    }
}
