package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.IdentityColumns;
import io.dsqlkit.sql.Token;

import java.util.List;

/**
 * dsql-facts §1.5: an identity column must give CACHE explicitly, in CREATE TABLE and in
 * ALTER TABLE ... ALTER COLUMN ... ADD GENERATED ... AS IDENTITY.
 */
public final class IdentityCacheMissing extends BaseRule implements StatementRule {
    static final String MESSAGE = "identity column is not supported without an explicit cache size. "
            + "please define CACHE greater than or equal to 65536 or equal to 1";

    public IdentityCacheMissing() {
        super("identity-cache-missing", "0A000",
                "write GENERATED ... AS IDENTITY (CACHE 65536), or (CACHE 1) when values must be ordered",
                since(Profile.DSQL_2026_09));
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (IdentityColumns.Declared d : IdentityColumns.of(t)) {
            if (d.identity().options().hasCache()) continue;
            Token identity = t.get(d.identity().identity());
            TextEdit edit = d.identity().optionsOpen() < 0
                    ? TextEdit.insert(identity.end(), " (CACHE 65536)")
                    : TextEdit.insert(t.get(d.identity().optionsOpen()).end(), "CACHE 65536 ");
            ctx.report(this, t.get(d.identity().generated()), identity, MESSAGE, Fix.of("add CACHE 65536", edit));
        }
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
