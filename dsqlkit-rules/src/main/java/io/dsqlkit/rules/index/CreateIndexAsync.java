package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;

/**
 * DSQL builds secondary indexes only asynchronously (dsql-facts §4): {@code CREATE INDEX} without
 * {@code ASYNC} is refused. CONCURRENTLY has its own rule and message.
 */
public final class CreateIndexAsync extends CreateIndexRule {
    public static final String MESSAGE = "unsupported mode. please use CREATE INDEX ASYNC.";

    public CreateIndexAsync() {
        super("create-index-async", "0A000",
                "write CREATE INDEX ASYNC: DSQL builds indexes in the background and returns a job_id to wait on (CALL sys.wait_for_job)",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.async >= 0 || s.concurrently >= 0) return;
        ctx.report(this, s.t.at(0), s.t.at(s.indexKw), MESSAGE,
                Fix.of("add ASYNC after INDEX", TextEdit.insert(s.t.at(s.indexKw).end(), " ASYNC")));
    }
}
