package io.dsqlkit.rules.sequence;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.SequenceStatement;
import io.dsqlkit.rules.syntax.TypeName;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.5 ([DOC-CS]): a sequence's data type must be bigint. */
public final class SequenceTypeBigint extends BaseRule implements StatementRule {
    public SequenceTypeBigint() {
        super("sequence-type-bigint", "0A000", "declare the sequence AS bigint (or leave AS out)",
                since(Profile.DSQL_2026_09));
    }

    // UNVERIFIED (dsql-facts §1.5): only the grammar says bigint; the text mirrors the recorded
    // identity-column message.
    static String message(String type) {
        return "datatype " + type + " not supported, sequence type must be bigint";
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        SequenceStatement s = SequenceStatement.parse(t);
        if (s == null || s.options().asType() == null) return;
        TypeName type = s.options().asType();
        if (type.canonical().equals("bigint") && !type.isArray()) return;
        Token first = type.first(t), last = type.last(t);
        ctx.report(this, first, last, message(type.displayName()), Fix.of("change the sequence type to bigint",
                new TextEdit(first.offset(), last.end() - first.offset(), "bigint")));
    }

    @Override
    public List<String> messages() {
        return List.of(message("integer"));
    }
}
