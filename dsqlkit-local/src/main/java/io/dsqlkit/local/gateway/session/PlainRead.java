package io.dsqlkit.local.gateway.session;

import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * A statement that can wait for no lock but an ACCESS EXCLUSIVE one (held only by DDL): a SELECT without
 * a locking clause ({@code FOR UPDATE/SHARE}), without {@code INTO} (which creates a table) and without
 * any parenthesis (so no function call, subquery or CTE that could write or lock). PostgreSQL's plain
 * reads take no row locks (MVCC) and only ACCESS SHARE on their tables. Deliberately narrow: whatever
 * is not recognised here is assumed to possibly wait.
 */
final class PlainRead {
    private PlainRead() {}

    static boolean is(Statement st) {
        if (st.category() != StatementCategory.QUERY) return false;
        boolean first = true;
        for (Token t : st.tokens()) {
            if (t.isTrivia() || t.type() == TokenType.SEMICOLON) continue;
            if (first) {
                if (!t.isKeyword("SELECT")) return false;
                first = false;
                continue;
            }
            if (t.type() == TokenType.LPAREN || t.isKeyword("FOR") || t.isKeyword("INTO")) return false;
        }
        return !first;
    }

    static boolean all(List<Statement> statements) {
        for (Statement s : statements) if (!is(s)) return false;
        return true;
    }
}
