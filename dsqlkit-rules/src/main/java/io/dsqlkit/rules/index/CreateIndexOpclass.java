package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;

import java.util.ArrayList;
import java.util.List;

/**
 * Operator classes on index keys are refused (dsql-facts §4). Without USING the opclass is a
 * B-tree one (typically {@code text_pattern_ops}); DSQL databases use only the C collation (§1.3),
 * where the default B-tree order already serves LIKE 'prefix%', so dropping it keeps the index
 * useful. With a non-B-tree USING the opclass belongs to that method and the USING rule explains.
 */
public final class CreateIndexOpclass extends CreateIndexRule {
    public static final String MESSAGE = "opclass not supported for index keys";

    public CreateIndexOpclass() {
        super("create-index-opclass", "0A000",
                "drop the operator class: DSQL uses its default B-tree ordering (C collation), which also serves LIKE 'prefix%'",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        List<TextEdit> edits = new ArrayList<>();
        int first = -1, firstTo = -1;
        for (CreateIndexStatement.IndexKey k : s.keys) {
            if (k.opclassFrom < 0) continue;
            if (first < 0) {
                first = k.opclassFrom;
                firstTo = k.opclassTo;
            }
            edits.add(Edits.deleteRangeWithLeadingSpace(ctx.source(), s.t.at(k.opclassFrom), s.t.at(k.opclassTo)));
        }
        if (first < 0) return;
        Fix fix = s.using >= 0 && !CreateIndexUsing.isBtree(s)
                ? Fix.unfixable("the operator class belongs to the " + (s.method >= 0 ? s.t.nameValue(s.method) : "non-B-tree")
                        + " access method, which DSQL does not have; see create-index-using")
                : Fix.of("drop the operator class", edits);
        ctx.report(this, s.t.at(first), s.t.at(firstTo), MESSAGE, fix);
    }
}
