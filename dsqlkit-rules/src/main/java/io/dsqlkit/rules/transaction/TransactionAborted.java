package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.Severity;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.sql.Statement;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Inside BEGIN ... COMMIT, the first refused statement aborts the transaction: every later
 * statement gets 25P02 and COMMIT answers ROLLBACK (dsql-facts §1.2, recorded). A warning on each
 * such statement shows what would silently not happen; it goes away with the error's fix.
 * Statements that have their own error are not warned twice.
 */
public final class TransactionAborted extends BaseRule implements ScriptRule {
    public TransactionAborted() {
        super("transaction-aborted", DsqlErrors.TRANSACTION_ABORTED.sqlstate(),
                "fix the first error in this transaction block; until then DSQL ignores the rest of the block and COMMIT rolls back",
                ALL_PROFILES, DsqlErrors.TRANSACTION_ABORTED.message());
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public void check(ScriptContext ctx) {
        Set<Statement> shapeErrors = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TransactionShape.Violation v : TransactionShape.violations(ctx.statements())) shapeErrors.add(v.statement());
        for (TransactionShape.Block b : TransactionShape.blocks(ctx.statements())) {
            boolean aborted = false;
            for (Statement s : b.body()) {
                boolean ownError = shapeErrors.contains(s) || hasError(ctx, s);
                if (aborted && !ownError) {
                    ctx.report(this, s.first().offset(), s.sql().length(), DsqlErrors.TRANSACTION_ABORTED.message(), null);
                }
                aborted |= ownError;
            }
        }
    }

    private static boolean hasError(ScriptContext ctx, Statement s) {
        for (Diagnostic d : ctx.findingsFor(s)) if (d.severity() == Severity.ERROR) return true;
        return false;
    }
}
