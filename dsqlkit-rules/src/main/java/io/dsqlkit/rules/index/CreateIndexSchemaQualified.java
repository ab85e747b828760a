package io.dsqlkit.rules.index;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.sql.Token;

/**
 * "You can't include a schema name here" (dsql-facts §4, [DOC-CI]); the recorded refusal is a
 * syntax error at the dot. The index always lives in its table's schema, so dropping the
 * qualifier loses nothing.
 */
public final class CreateIndexSchemaQualified extends CreateIndexRule {
    public static final String MESSAGE = "syntax error at or near \".\"";

    public CreateIndexSchemaQualified() {
        super("create-index-schema-qualified", "42601",
                "drop the schema from the index name: an index is always created in its table's schema",
                ALL_PROFILES, MESSAGE);
    }

    @Override
    void check(StatementContext ctx, CreateIndexStatement s) {
        if (s.nameFrom < 0 || s.nameTo == s.nameFrom) return;
        Token dot = s.t.at(s.nameFrom + 1);
        Token start = s.t.at(s.nameFrom);
        Token lastDot = s.t.at(s.nameTo - 1);
        ctx.report(this, dot, MESSAGE, Fix.of("drop the schema qualifier from the index name",
                new TextEdit(start.offset(), lastDot.end() - start.offset(), "")));
    }
}
