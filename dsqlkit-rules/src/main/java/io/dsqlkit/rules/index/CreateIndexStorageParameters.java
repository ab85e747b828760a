package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Edits;

/**
 * {@code WITH (fillfactor = ...)} is not in DSQL's CREATE INDEX grammar (dsql-facts §4, [DOC-CI]).
 * Storage parameters only tune the physical layout, so dropping them does not change results.
 */
public final class CreateIndexStorageParameters extends CreateIndexRule {
    // UNVERIFIED (dsql-facts §4): the grammar omits WITH (...); the text follows DSQL's "<clause> not supported for CREATE INDEX" pattern.
    public static final String MESSAGE = "WITH not supported for CREATE INDEX";

    public CreateIndexStorageParameters() {
        super("create-index-storage-parameters", "0A000",
                "drop WITH (...): DSQL manages index storage itself and has no index storage parameters",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.with < 0) return;
        ctx.report(this, s.t.at(s.with), s.t.at(s.withClose), MESSAGE, Fix.of("drop the storage parameters",
                Edits.deleteRangeWithLeadingSpace(ctx.source(), s.t.at(s.with), s.t.at(s.withClose))));
    }
}
