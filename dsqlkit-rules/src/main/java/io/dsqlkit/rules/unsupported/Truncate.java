package io.dsqlkit.rules.unsupported;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.List;

/** dsql-facts §1.1: TRUNCATE is refused; DELETE FROM is the replacement (within the 3,000-row limit, §2). */
public final class Truncate extends RejectedStatementRule {
    static final String MESSAGE = "unsupported statement: Truncate";

    public Truncate() {
        super("truncate", MESSAGE,
                "use DELETE FROM <table>; a transaction may modify at most 3,000 rows, so delete large tables in batches",
                "TRUNCATE");
    }

    @Override
    protected Fix fix(StatementContext ctx, int end) {
        List<Token> t = ctx.tokens();
        int pos = Tokens.match(t, 0, "TRUNCATE", "?TABLE");
        int stop = t.size();
        for (int i = pos; i < t.size(); i++) {
            if (Tokens.is(t, i, "RESTART") || Tokens.is(t, i, "CONTINUE") || Tokens.is(t, i, "CASCADE")
                    || Tokens.is(t, i, "RESTRICT")) {
                stop = i;
                break;
            }
        }
        for (int i = stop; i < t.size(); i++) {
            if (Tokens.at(t, i, "RESTART", "IDENTITY")) {
                return Fix.unfixable("RESTART IDENTITY also resets the tables' sequences; DELETE does not "
                        + "(reset them with ALTER SEQUENCE ... RESTART, one DDL per transaction)");
            }
            if (Tokens.is(t, i, "CASCADE")) {
                return Fix.unfixable("CASCADE also empties the tables that reference these; "
                        + "delete from those explicitly first");
            }
        }
        List<String> deletes = new ArrayList<>();
        for (Range r : Tokens.splitTopLevel(t, pos, stop)) {
            if (r.isEmpty()) return Fix.unfixable("cannot read the table list");
            int i = r.from();
            boolean only = Tokens.is(t, i, "ONLY");
            if (only) i++;
            int nameEnd = Tokens.skipQualifiedName(t, i);
            if (nameEnd < 0) return Fix.unfixable("cannot read the table list");
            String name = ctx.source().substring(t.get(i).offset(), t.get(nameEnd - 1).end());
            int after = nameEnd;
            if (Tokens.is(t, after, "*")) after++;
            if (after != r.to()) return Fix.unfixable("cannot read the table list");
            deletes.add("DELETE FROM " + (only ? "ONLY " : "") + name);
        }
        if (deletes.isEmpty()) return null;
        Token first = t.get(0), last = t.get(t.size() - 1);
        return Fix.of("replace TRUNCATE with DELETE FROM (mind the 3,000-row transaction limit)",
                new TextEdit(first.offset(), last.end() - first.offset(), String.join("; ", deletes)));
    }
}
