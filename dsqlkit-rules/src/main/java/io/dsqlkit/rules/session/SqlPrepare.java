package io.dsqlkit.rules.session;

import io.dsqlkit.rules.unsupported.RejectedStatementRule;

import io.dsqlkit.sql.Token;

import java.util.List;

/** dsql-facts §1.1: SQL-level PREPARE is refused (protocol-level prepared statements work). */
public final class SqlPrepare extends RejectedStatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the text follows the "unsupported statement: <node>" pattern (PrepareStmt).
    static final String MESSAGE = "unsupported statement: Prepare";

    public SqlPrepare() {
        super("sql-prepare", MESSAGE,
                "use your driver's prepared statements (the extended query protocol), not SQL PREPARE/EXECUTE",
                "PREPARE");
    }

    @Override
    protected boolean accept(List<Token> t, int end) {
        // PREPARE TRANSACTION is two-phase commit, a different statement.
        return end < t.size() && !t.get(end).isKeyword("TRANSACTION");
    }
}
