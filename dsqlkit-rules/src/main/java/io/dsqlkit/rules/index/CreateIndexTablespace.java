package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Edits;

/** DSQL has no tablespaces (dsql-facts §1.1, §4): {@code TABLESPACE ts} on an index is refused. */
public final class CreateIndexTablespace extends CreateIndexRule {
    // UNVERIFIED (dsql-facts §4): the grammar omits TABLESPACE; the text follows DSQL's "<clause> not supported for CREATE INDEX" pattern.
    public static final String MESSAGE = "TABLESPACE not supported for CREATE INDEX";

    public CreateIndexTablespace() {
        super("create-index-tablespace", "0A000",
                "drop the TABLESPACE clause: DSQL manages storage itself and has no tablespaces",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.tablespace < 0) return;
        ctx.report(this, s.t.at(s.tablespace), s.t.at(s.tablespaceNameTo), MESSAGE, Fix.of("drop the TABLESPACE clause",
                Edits.deleteRangeWithLeadingSpace(ctx.source(), s.t.at(s.tablespace), s.t.at(s.tablespaceNameTo))));
    }
}
