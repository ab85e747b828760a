package io.dsqlkit.rules.transaction;

import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;

import java.util.ArrayList;
import java.util.List;

/**
 * The explicit transaction blocks of a script as psql -f runs it (every statement outside
 * BEGIN ... COMMIT is its own autocommit transaction), and where DSQL's one-DDL and no-DDL+DML
 * rules (dsql-facts §1.2) break inside them.
 *
 * <p>After a violation the analysis carries on as if the block had been split right before the
 * offending statement (which is what the fix does), so every place that needs a split is found
 * in one pass instead of one per lint run.
 */
final class TransactionShape {
    /** A BEGIN ... COMMIT block: the BEGIN statement, the statements inside, the closing statement (or null). */
    record Block(Statement begin, List<Statement> body, Statement end) {}

    /** A statement that breaks the shape rules, and which rule. */
    record Violation(Block block, Statement statement, DsqlError error) {}

    private TransactionShape() {}

    static List<Block> blocks(List<Statement> statements) {
        List<Block> blocks = new ArrayList<>();
        Statement begin = null;
        List<Statement> body = null;
        for (Statement s : statements) {
            if (s.category() == StatementCategory.EMPTY) continue;
            if (begin == null) {
                if (isBegin(s)) {
                    begin = s;
                    body = new ArrayList<>();
                }
            } else if (isEnd(s)) {
                blocks.add(new Block(begin, body, s));
                begin = null;
            } else if (!isBegin(s)) {
                body.add(s);
            }
        }
        if (begin != null) blocks.add(new Block(begin, body, null));
        return blocks;
    }

    static List<Violation> violations(List<Statement> statements) {
        List<Violation> out = new ArrayList<>();
        for (Block b : blocks(statements)) {
            boolean ddl = false, dml = false;
            for (Statement s : b.body()) {
                if (s.category() == StatementCategory.DDL) {
                    if (ddl) out.add(new Violation(b, s, DsqlErrors.MULTIPLE_DDL));
                    else if (dml) out.add(new Violation(b, s, DsqlErrors.DDL_AND_DML));
                    ddl = true;
                    dml = false;
                } else if (s.category() == StatementCategory.DML) {
                    if (ddl) {
                        out.add(new Violation(b, s, DsqlErrors.DDL_AND_DML));
                        ddl = false;
                    }
                    dml = true;
                }
            }
        }
        return out;
    }

    /** BEGIN / START TRANSACTION (the classifier's kinds; BEGIN ATOMIC bodies never reach the top level). */
    static boolean isBegin(Statement s) {
        return s.category() == StatementCategory.TRANSACTION_CONTROL
                && (s.kind().equals("BEGIN") || s.kind().equals("START TRANSACTION"));
    }

    /** COMMIT / END / ROLLBACK / ABORT / PREPARE TRANSACTION close the block; ROLLBACK TO and COMMIT PREPARED do not. */
    static boolean isEnd(Statement s) {
        if (s.category() != StatementCategory.TRANSACTION_CONTROL) return false;
        return switch (s.kind()) {
            case "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE TRANSACTION" -> true;
            default -> false;
        };
    }
}
