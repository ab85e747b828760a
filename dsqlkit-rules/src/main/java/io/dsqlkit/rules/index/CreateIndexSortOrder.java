package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * ASC/DESC on index keys is refused (dsql-facts §4). ASC is the default, so it is simply dropped.
 * A B-tree can be read backwards, so an index whose keys are all DESC equals the ascending index
 * read in reverse: DESC is dropped and an explicit NULLS placement is flipped to keep the same
 * reversed order. Mixed directions cannot be rewritten without losing the ordering the author
 * asked for.
 */
public final class CreateIndexSortOrder extends CreateIndexRule {
    public static final String MESSAGE = "specifying sort order not supported for index keys";

    public CreateIndexSortOrder() {
        super("create-index-sort-order", "0A000",
                "drop ASC/DESC from the index keys: DSQL B-tree indexes are ascending and are scanned backwards for DESC ordering",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        Token first = null;
        boolean anyDesc = false, allDesc = true;
        for (CreateIndexStatement.IndexKey k : s.keys) {
            if (k.direction >= 0 && first == null) first = s.t.at(k.direction);
            boolean desc = k.direction >= 0 && s.t.kw(k.direction, "DESC");
            anyDesc |= desc;
            allDesc &= desc;
        }
        if (first == null) return;
        ctx.report(this, first, MESSAGE, fix(ctx.source(), s, anyDesc, allDesc));
    }

    private static Fix fix(String source, CreateIndexStatement s, boolean anyDesc, boolean allDesc) {
        List<TextEdit> edits = new ArrayList<>();
        if (!anyDesc) {
            for (CreateIndexStatement.IndexKey k : s.keys) {
                if (k.direction >= 0) edits.add(Edits.deleteWithLeadingSpace(source, s.t.at(k.direction)));
            }
            return Fix.of("drop ASC (the default order)", edits);
        }
        if (!allDesc) {
            return Fix.unfixable("the keys mix ascending and descending order; DSQL indexes can serve such an "
                    + "ORDER BY only in one direction. Drop ASC/DESC by hand and accept a sort step, or order all keys the same way");
        }
        for (CreateIndexStatement.IndexKey k : s.keys) {
            Token dir = s.t.at(k.direction);
            if (k.nullsWhich < 0) {
                // DESC means DESC NULLS FIRST, which is exactly ASC NULLS LAST read backwards.
                edits.add(Edits.deleteWithLeadingSpace(source, dir));
            } else if (s.t.kw(k.nullsWhich, "FIRST")) {
                edits.add(Edits.deleteRangeWithLeadingSpace(source, dir, s.t.at(k.nullsWhich)));
            } else {
                // DESC NULLS LAST read backwards is ASC NULLS FIRST.
                edits.add(new TextEdit(dir.offset(), s.t.at(k.nullsWhich).end() - dir.offset(), "NULLS FIRST"));
            }
        }
        return Fix.of("drop DESC: every key is descending, and DSQL scans the ascending index backwards", edits);
    }
}
