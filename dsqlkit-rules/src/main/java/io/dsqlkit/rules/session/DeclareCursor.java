package io.dsqlkit.rules.session;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1: SQL cursors are refused. */
public final class DeclareCursor extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the text follows the "unsupported statement: <node>" pattern (DeclareCursorStmt).
    static final String MESSAGE = "unsupported statement: DeclareCursor";

    public DeclareCursor() {
        super("declare-cursor", MESSAGE,
                "page with keyset pagination (WHERE key > last ORDER BY key LIMIT n) or let the driver stream rows",
                "DECLARE");
    }

    @Override
    protected boolean accept(List<Token> t, int end) {
        return Tokens.findTopLevel(t, end, t.size(), "CURSOR") >= 0;
    }
}
