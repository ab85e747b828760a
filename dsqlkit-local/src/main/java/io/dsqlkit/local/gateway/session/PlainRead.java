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

    /**
     * Whether every statement of a request waits only where a plain read would: each is a plain read, BEGIN /
     * START TRANSACTION or ROLLBACK (which take no lock), or runs inside a READ ONLY transaction, where PostgreSQL
     * refuses every write and row lock ({@code FOR UPDATE/SHARE} included), so that nothing there can wait for another
     * transaction's row locks. DSQL has no advisory locks and no LOCK TABLE, so the waits left are for DDL's exclusive
     * locks, which the arbiter checks anyway. COMMIT counts only for a read-only transaction (deferred constraint
     * checks run at COMMIT); a SET or RESET ends the tracking ({@code SET TRANSACTION READ WRITE} or
     * {@code SET transaction_read_only} before the first query makes the transaction read-write).
     * {@code inReadOnlyTransaction}: the session is in such a transaction when the request starts.
     */
    static boolean all(List<Statement> statements, boolean inReadOnlyTransaction) {
        boolean readOnly = inReadOnlyTransaction;
        for (Statement s : statements) {
            if (s.category() == StatementCategory.TRANSACTION_CONTROL) {
                switch (s.kind()) {
                    case "BEGIN", "START TRANSACTION" -> readOnly = readOnly || opensReadOnly(s);
                    case "ROLLBACK" -> readOnly = false;
                    case "COMMIT", "END" -> {
                        if (!readOnly) return false; // a read-only transaction has no deferred checks to wait on
                        readOnly = false;
                    }
                    default -> {
                        return false;
                    }
                }
            } else if (changesSettings(s)) {
                return false;
            } else if (!readOnly && !is(s)) {
                return false;
            }
        }
        return true;
    }

    static boolean all(List<Statement> statements) {
        return all(statements, false);
    }

    /** SET or RESET of anything: it may make the current transaction read-write (see {@link #all}). */
    static boolean changesSettings(Statement st) {
        for (Token t : st.tokens()) {
            if (t.isTrivia()) continue;
            return t.isAnyKeyword("SET", "RESET");
        }
        return false;
    }

    /** BEGIN / START TRANSACTION with READ ONLY among its modes (and no READ WRITE after it). */
    static boolean opensReadOnly(Statement st) {
        boolean readOnly = false;
        Token previous = null;
        for (Token t : st.tokens()) {
            if (t.isTrivia()) continue;
            if (previous != null && previous.isKeyword("READ")) {
                if (t.isKeyword("ONLY")) readOnly = true;
                else if (t.isKeyword("WRITE")) readOnly = false;
            }
            previous = t;
        }
        return readOnly;
    }
}
