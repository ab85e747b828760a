package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.SqlText;

/** Builds the CREATE UNIQUE INDEX ASYNC that stands in for a UNIQUE constraint DSQL cannot add in place. */
final class UniqueIndexFix {
    private UniqueIndexFix() {}

    /**
     * {@code CREATE UNIQUE INDEX ASYNC name ON table (columns) [INCLUDE (...)] [NULLS [NOT] DISTINCT]},
     * copying INCLUDE and NULLS from the constraint options in tokens {@code optFrom..optTo}.
     */
    static String createIndex(Tokens t, String src, String table, String name, String columns, int optFrom, int optTo) {
        StringBuilder sb = new StringBuilder("CREATE UNIQUE INDEX ASYNC ").append(SqlText.quoteIdentifierIfNeeded(name)).append(" ON ")
                .append(table).append(" (").append(columns).append(')');
        String nulls = null;
        for (int i = optFrom; i <= optTo && i < t.size(); i++) {
            if (t.kw(i, "INCLUDE")) {
                int close = t.closing(i + 1);
                sb.append(' ').append(t.text(src, i, close));
                i = close;
            } else if (t.kw(i, "NULLS")) {
                int end = t.kw(i + 1, "NOT") ? i + 2 : i + 1;
                nulls = t.text(src, i, end);
                i = end;
            }
        }
        if (nulls != null) sb.append(' ').append(nulls);
        return sb.toString();
    }
}
