package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.SequenceStatement;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.5: CREATE SEQUENCE must give CACHE explicitly (1, or 65536 and more). */
public final class SequenceCacheMissing extends BaseRule implements StatementRule {
    static final String MESSAGE = "CREATE SEQUENCE is not supported without an explicit cache size. "
            + "please define CACHE greater than or equal to 65536 or equal to 1";

    public SequenceCacheMissing() {
        super("sequence-cache-missing", "0A000",
                "add CACHE 65536 (fast; unique but not ordered across sessions) or CACHE 1 (ordered, slower)",
                since(Profile.DSQL_2026_09));
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        SequenceStatement s = SequenceStatement.parse(t);
        if (s == null || s.alter() || s.options().hasCache()) return;
        Token last = t.get(t.size() - 1);
        ctx.report(this, t.get(0), t.get(s.nameEnd() - 1), MESSAGE,
                Fix.of("add CACHE 65536", TextEdit.insert(last.end(), " CACHE 65536")));
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
