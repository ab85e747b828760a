package io.dsqlkit.rules.table;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §2: a table has at most 255 columns per the quotas page. A live test accepted 256 and
 * refused 257 (§2 "Observed behaviour", §9.5), so only more than 256 is flagged: the linter must
 * not refuse what DSQL accepts.
 */
public final class TooManyColumns extends BaseRule implements StatementRule {
    static final int OBSERVED_MAX = 256;

    public TooManyColumns() {
        super("too-many-columns", DsqlErrors.TOO_MANY_COLUMNS.sqlstate(),
                "split the table: move rarely used columns to a 1:1 side table, or group them into a jsonb column");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        CreateTable ct = CreateTable.parse(t);
        if (ct == null || ct.elementsOpen() < 0) return;
        int n = ct.columns(t).size();
        if (n <= OBSERVED_MAX) return;
        ctx.report(this, t.get(0), t.get(ct.elementsOpen()), DsqlErrors.TOO_MANY_COLUMNS.message(), null);
    }

    @Override
    public List<String> messages() {
        return List.of(DsqlErrors.TOO_MANY_COLUMNS.message());
    }
}
