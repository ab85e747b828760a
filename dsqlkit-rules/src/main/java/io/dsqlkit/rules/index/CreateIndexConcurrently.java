package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.sql.Token;

/** {@code CREATE INDEX CONCURRENTLY} is refused; ASYNC is DSQL's non-blocking build (dsql-facts §4). */
public final class CreateIndexConcurrently extends CreateIndexRule {
    public static final String MESSAGE = "CONCURRENTLY not supported for CREATE INDEX";

    public CreateIndexConcurrently() {
        super("create-index-concurrently", "0A000",
                "replace CONCURRENTLY with ASYNC: DSQL index builds never block writes and run in the background",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.concurrently < 0) return;
        Token c = s.t.at(s.concurrently);
        Fix fix = s.hasAsync()
                ? Fix.of("drop CONCURRENTLY", Edits.deleteWithLeadingSpace(ctx.source(), c))
                : Fix.of("replace CONCURRENTLY with ASYNC", new TextEdit(c.offset(), c.text().length(), "ASYNC"));
        ctx.report(this, c, MESSAGE, fix);
    }
}
