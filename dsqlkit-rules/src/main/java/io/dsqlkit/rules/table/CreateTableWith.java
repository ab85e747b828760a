package io.dsqlkit.rules.table;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.CreateTable;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * dsql-facts §1.1, §1.6: {@code WITH (storage_parameter = ...)} (and the old {@code WITHOUT OIDS})
 * is not accepted. Storage parameters tune PostgreSQL's heap, which DSQL does not have, so
 * removing them changes nothing.
 */
public final class CreateTableWith extends CreateTableClauseRule {
    // UNVERIFIED (dsql-facts §1.6, §9.9): text inferred from DSQL's "<clause> not supported for CREATE TABLE" form.
    static final String MESSAGE = message("WITH");

    public CreateTableWith() {
        super("create-table-with", "remove WITH (...): DSQL has no heap storage parameters (fillfactor, autovacuum, ...)");
    }

    @Override
    void check(StatementContext ctx, List<Token> t, CreateTable ct) {
        int with = ct.tail(t, "WITH");
        if (with >= 0 && Tokens.isType(t, with + 1, TokenType.LPAREN)) {
            int close = Tokens.close(t, with + 1);
            if (close < 0) return;
            report(ctx, t, with, close);
            return;
        }
        int without = ct.tail(t, "WITHOUT");
        if (without >= 0 && Tokens.is(t, without + 1, "OIDS")) report(ctx, t, without, without + 1);
    }

    private void report(StatementContext ctx, List<Token> t, int from, int to) {
        Token prev = t.get(from - 1), last = t.get(to);
        ctx.report(this, t.get(from), last, MESSAGE, Fix.of("remove the storage parameters",
                TextEdit.delete(prev.end(), last.end() - prev.end())));
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
