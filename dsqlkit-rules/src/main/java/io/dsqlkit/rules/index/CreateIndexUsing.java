package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Edits;

/**
 * DSQL has one index access method (shown as {@code btree_index}); {@code USING method} is refused
 * (dsql-facts §4, [SKILL-DDL]). Dropping {@code USING btree} changes nothing; dropping any other
 * method would silently turn a GIN/GiST/hash index into a B-tree that cannot serve the same
 * operators, so that is left to the author.
 */
public final class CreateIndexUsing extends CreateIndexRule {
    public static final String MESSAGE = "USING not supported for CREATE INDEX";

    public CreateIndexUsing() {
        // SQLSTATE not recorded in dsql-facts §4; 0A000 like every other CREATE INDEX refusal. UNVERIFIED (dsql-facts §4)
        super("create-index-using", "0A000",
                "drop the USING clause: every DSQL index is a B-tree; GIN/GiST/hash/BRIN lookups need a different design",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.using < 0) return;
        int last = s.method >= 0 ? s.method : s.using;
        Fix fix;
        if (isBtree(s)) {
            fix = Fix.of("drop USING btree (DSQL indexes are B-trees)",
                    Edits.deleteRangeWithLeadingSpace(ctx.source(), s.t.at(s.using), s.t.at(last)));
        } else {
            String m = s.method >= 0 ? s.t.nameValue(s.method) : "?";
            fix = Fix.unfixable("a " + m + " index serves operators a B-tree cannot (containment, full-text, "
                    + "geometric or hash lookups); dropping USING would build a different index. Index the "
                    + "extracted value instead, e.g. an expression index on (doc->>'key')");
        }
        ctx.report(this, s.t.at(s.using), s.t.at(last), MESSAGE, fix);
    }

    static boolean isBtree(CreateIndexStatement s) {
        return s.method >= 0 && s.t.nameValue(s.method).equals("btree");
    }
}
