package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Edits;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.Token;

/** Ends the open transaction right before a statement and reopens it the way the block began. */
final class SplitFix {
    private SplitFix() {}

    static Fix before(String source, TransactionShape.Block block, Statement s) {
        Token first = s.first();
        String indent = Edits.indentOf(source, first);
        String reopen = block.begin().sql();
        // Insert above the comments that lead into the statement, so they stay with it.
        String leading = source.substring(s.offset(), first.offset());
        int newline = leading.indexOf('\n');
        TextEdit edit = newline < 0
                ? TextEdit.insert(first.offset(), "COMMIT;\n" + indent + reopen + ";\n" + indent)
                : TextEdit.insert(s.offset() + newline + 1, indent + "COMMIT;\n" + indent + reopen + ";\n");
        return Fix.of("commit before this statement and open a new transaction for it (DSQL: one DDL per transaction, "
                + "no DDL with DML)", edit);
    }
}
