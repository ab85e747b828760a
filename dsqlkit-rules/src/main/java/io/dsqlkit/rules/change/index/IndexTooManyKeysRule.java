package io.dsqlkit.rules.change.index;

import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;

/** At most 8 key columns per index (dsql-facts §2, [DOC-QUOTAS]); INCLUDE columns are not keys. */
public final class IndexTooManyKeysRule extends CreateIndexRule {
    public static final int MAX_KEYS = 8;

    public IndexTooManyKeysRule() {
        super("index-too-many-keys", DsqlErrors.TOO_MANY_INDEX_COLUMNS.sqlstate(),
                "index at most 8 key columns; move columns only needed in the result into INCLUDE (...)",
                ALL_PROFILES, DsqlErrors.TOO_MANY_INDEX_COLUMNS.message());
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.keys.size() <= MAX_KEYS) return;
        CreateIndexStatement.IndexKey ninth = s.keys.get(MAX_KEYS);
        CreateIndexStatement.IndexKey last = s.keys.get(s.keys.size() - 1);
        ctx.report(this, s.t.at(ninth.from), s.t.at(last.to), DsqlErrors.TOO_MANY_INDEX_COLUMNS.message(),
                Fix.unfixable("which columns to keep as keys and which to move into INCLUDE depends on your queries"));
    }
}
