package io.dsqlkit.rules.types;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.1, §1.6: a per-column COLLATE is refused. DSQL's database uses only the C
 * collation (§1.3), so removing the clause gives the behaviour DSQL has anyway.
 */
public final class CollateClause extends ColumnTypeRule {
    static final String MESSAGE = "COLLATE clause not supported";

    public CollateClause() {
        // UNVERIFIED (dsql-facts §1.1): the message is from dsql-lint's live-cluster check; the
        // SQLSTATE was not given, and 0A000 is what DSQL uses for every other refused clause.
        super("collate-clause", "0A000",
                "remove COLLATE: DSQL compares text with the C collation only");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        int collate = c.find(t, "COLLATE");
        if (collate < 0) return;
        int nameEnd = Tokens.skipQualifiedName(t, collate + 1);
        if (nameEnd < 0) {
            ctx.report(this, t.get(collate), MESSAGE, null);
            return;
        }
        Token prev = t.get(collate - 1), last = t.get(nameEnd - 1);
        ctx.report(this, t.get(collate), last, MESSAGE, Fix.of("remove the COLLATE clause (DSQL always uses C)",
                TextEdit.delete(prev.end(), last.end() - prev.end())));
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
