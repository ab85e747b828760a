package io.dsqlkit.rules.alter;

import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Names;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;
import io.dsqlkit.sql.SqlText;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Statement texts and edits shared by the ALTER TABLE fixes. */
final class AlterFixes {
    private AlterFixes() {}

    /** Shown above a generated backfill: DSQL commits at most 3,000 rows per transaction (dsql-facts §2). */
    static final String BACKFILL_COMMENT = "-- dsqlkit: DSQL commits at most 3,000 rows per transaction (54000 transaction row limit exceeded);\n"
            + "-- `dsqlkit migrate` runs this backfill in primary-key chunks (the directive below); elsewhere use `dsqlkit batch`\n"
            + "-- dsqlkit:batch\n";

    static final String WAIT_COMMENT = "-- dsqlkit: CREATE INDEX ASYNC returns a job_id; run the next statement after "
            + "CALL sys.wait_for_job('<job_id>') returns true\n-- (until the build finishes it fails with 55000 index is not valid)\n";

    /** ALTER TABLE ASYNC t VALIDATE CONSTRAINT c: the only accepted form of VALIDATE (dsql-facts §1.7). */
    static String validate(String table, String constraint) {
        return "ALTER TABLE ASYNC " + table + " VALIDATE CONSTRAINT " + SqlText.quoteIdentifierIfNeeded(constraint);
    }

    /**
     * An edit that removes action {@code index} together with one separating comma, or null when it
     * is the only action (then the caller replaces the whole statement).
     */
    static TextEdit removeAction(AlterTableStatement s, int index) {
        if (s.actions.size() < 2) return null;
        AlterAction a = s.actions.get(index);
        if (index > 0) {
            Token prevEnd = s.t.at(s.actions.get(index - 1).to);
            return new TextEdit(prevEnd.end(), s.t.at(a.to).end() - prevEnd.end(), "");
        }
        Token nextStart = s.t.at(s.actions.get(1).from);
        int start = s.t.at(a.from).offset();
        return new TextEdit(start, nextStart.offset() - start, "");
    }

    /**
     * PostgreSQL's name for a CHECK: {@code <table>_<col>_check} when the expression mentions one
     * column, {@code <table>_check} otherwise (heap.c AddRelationNewConstraints).
     */
    static String checkName(AlterTableStatement s, int exprFrom, int exprTo) {
        Set<String> cols = new LinkedHashSet<>();
        for (int i = exprFrom; i <= exprTo; i++) {
            Token tk = s.t.at(i);
            if (tk == null) break;
            boolean name = tk.type() == TokenType.QUOTED_IDENTIFIER
                    || (tk.type() == TokenType.IDENTIFIER && !EXPRESSION_WORDS.contains(Names.lower(tk.text())));
            if (!name) continue;
            if (s.t.is(i + 1, TokenType.LPAREN) || s.t.is(i - 1, TokenType.TYPECAST) || s.t.is(i + 1, TokenType.DOT)) continue;
            cols.add(s.t.nameValue(i));
        }
        return Names.objectName(s.tableName(), cols.size() == 1 ? List.copyOf(cols) : List.of(), "check");
    }

    private static final Set<String> EXPRESSION_WORDS = Set.of("and", "or", "not", "is", "null", "true", "false", "in",
            "between", "like", "ilike", "similar", "to", "any", "all", "some", "case", "when", "then", "else", "end",
            "cast", "as", "distinct", "from", "escape", "unknown", "isnull", "notnull", "collate", "at", "time", "zone",
            "current_date", "current_timestamp", "localtimestamp", "current_user", "session_user", "interval", "array");
}
