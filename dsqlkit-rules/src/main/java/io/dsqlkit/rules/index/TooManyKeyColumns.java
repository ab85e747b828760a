package io.dsqlkit.rules.index;

import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.Set;

/**
 * dsql-facts §2 ([DOC-QUOTAS]): an index has at most 8 key columns, whether {@code CREATE INDEX}
 * builds it or a PRIMARY KEY / UNIQUE constraint of {@code CREATE TABLE} does; INCLUDE columns are
 * not keys. One limit, one rule: the CREATE INDEX half used to be the rule {@code index-too-many-keys},
 * which stays an alias so that suppression comments naming it keep working.
 */
public final class TooManyKeyColumns extends BaseRule implements StatementRule {
    public static final int MAX_KEYS = 8;

    public TooManyKeyColumns() {
        super("too-many-key-columns", DsqlErrors.TOO_MANY_INDEX_COLUMNS.sqlstate(),
                "use at most 8 key columns; move columns only needed in the result into INCLUDE (...), or key on a surrogate id",
                ALL_PROFILES, DsqlErrors.TOO_MANY_INDEX_COLUMNS.message());
    }

    @Override
    public Set<String> aliases() {
        return Set.of("index-too-many-keys");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        if (t.isEmpty() || !t.get(0).isKeyword("CREATE")) return;
        CreateIndexStatement index = CreateIndexStatement.of(ctx);
        if (index != null) {
            checkIndex(ctx, index);
            return;
        }
        CreateTable ct = CreateTable.parse(t);
        if (ct != null) checkConstraints(ctx, t, ct);
    }

    private void checkIndex(StatementContext ctx, CreateIndexStatement s) {
        if (s.keys.size() <= MAX_KEYS) return;
        CreateIndexStatement.IndexKey ninth = s.keys.get(MAX_KEYS);
        CreateIndexStatement.IndexKey last = s.keys.get(s.keys.size() - 1);
        ctx.report(this, s.t.at(ninth.from), s.t.at(last.to), DsqlErrors.TOO_MANY_INDEX_COLUMNS.message(),
                Fix.unfixable("which columns to keep as keys and which to move into INCLUDE depends on your queries"));
    }

    private void checkConstraints(StatementContext ctx, List<Token> t, CreateTable ct) {
        for (Range r : ct.tableConstraints(t)) {
            int i = r.from();
            if (Tokens.is(t, i, "CONSTRAINT")) i += 2;
            int open = Tokens.match(t, i, "PRIMARY KEY|UNIQUE", "?NULLS NOT DISTINCT|NULLS DISTINCT");
            if (open < 0 || !Tokens.isType(t, open, TokenType.LPAREN)) continue;
            int close = Tokens.close(t, open);
            if (close < 0 || close > r.to()) continue;
            if (Tokens.splitTopLevel(t, open + 1, close).size() <= MAX_KEYS) continue;
            ctx.report(this, t.get(i), t.get(close), DsqlErrors.TOO_MANY_INDEX_COLUMNS.message(), null);
        }
    }
}
