package io.dsqlkit.rules.types;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1: ALTER TYPE ... ADD VALUE and ALTER TYPE ... RENAME TO are refused with different texts. */
public final class AlterType extends BaseRule implements StatementRule {
    static final String ALTER = "ALTER TYPE not supported";
    static final String RENAME = "unsupported object in RENAME statement";

    public AlterType() {
        super("alter-type", "0A000", "DSQL has no user-defined types to alter; see create-type");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        if (!Tokens.at(t, 0, "ALTER", "TYPE")) return;
        int nameEnd = Tokens.skipQualifiedName(t, 2);
        // UNVERIFIED (dsql-facts §1.1): only ADD VALUE and RENAME TO are recorded. RENAME ATTRIBUTE is
        // the same RenameStmt in PostgreSQL; the other forms are assumed to answer like ADD VALUE.
        boolean rename = nameEnd > 0 && Tokens.is(t, nameEnd, "RENAME") && !Tokens.is(t, nameEnd + 1, "VALUE");
        ctx.report(this, t.get(0), t.get(1), rename ? RENAME : ALTER, null);
    }

    @Override
    public List<String> messages() {
        return List.of(ALTER, RENAME);
    }
}
