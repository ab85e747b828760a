package io.dsqlkit.rules.unsupported;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * dsql-facts §1.1: {@code SELECT ... INTO new_table} is PostgreSQL's other spelling of CREATE TABLE
 * AS (the parser turns it into a CreateTableAsStmt), so DSQL presumably refuses it the same way.
 */
public final class SelectInto extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.1): no recording of SELECT INTO; PostgreSQL parses it into the same
    // CreateTableAs node that DSQL refuses with this text.
    static final String MESSAGE = CreateTableAs.MESSAGE;

    public SelectInto() {
        super("select-into", "0A000",
                "create the table with CREATE TABLE, then INSERT INTO ... SELECT in a separate transaction");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        int verb = mainVerb(t);
        if (verb < 0 || !Tokens.is(t, verb, "SELECT")) return;
        int into = Tokens.findTopLevel(t, verb + 1, t.size(), "INTO");
        if (into < 0) return;
        ctx.report(this, t.get(into), t.get(Math.min(into + 1, t.size() - 1)), MESSAGE,
                Fix.unfixable("the new table's column types must be written out in a CREATE TABLE"));
    }

    /** Index of the statement's main verb: the first token, or the first top-level one after a WITH list. */
    private static int mainVerb(List<Token> t) {
        if (t.isEmpty()) return -1;
        if (!Tokens.is(t, 0, "WITH")) return 0;
        int depth = 0;
        for (int i = 1; i < t.size(); i++) {
            TokenType ty = t.get(i).type();
            if (ty == TokenType.LPAREN || ty == TokenType.LBRACKET) depth++;
            else if (ty == TokenType.RPAREN || ty == TokenType.RBRACKET) depth--;
            else if (depth == 0 && (Tokens.is(t, i, "SELECT") || Tokens.is(t, i, "INSERT")
                    || Tokens.is(t, i, "UPDATE") || Tokens.is(t, i, "DELETE") || Tokens.is(t, i, "MERGE")
                    || Tokens.is(t, i, "VALUES") || Tokens.is(t, i, "TABLE"))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
