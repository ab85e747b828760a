package io.dsqlkit.rules.change.script;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.change.support.Edits;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;

/** Ends the open transaction right before a statement and reopens it the way the block began. */
final class SplitFix {
    private SplitFix() {}

    static Fix before(String source, TransactionShape.Block block, Statement s) {
        Token first = s.first();
        String indent = Edits.indentOf(source, first);
        String reopen = block.begin().sql();
        return Fix.of("commit before this statement and open a new transaction for it (DSQL: one DDL per transaction, "
                        + "no DDL with DML)",
                TextEdit.insert(first.offset(), "COMMIT;\n" + indent + reopen + ";\n" + indent));
    }
}
