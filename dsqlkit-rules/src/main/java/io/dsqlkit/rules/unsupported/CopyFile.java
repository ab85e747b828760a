package io.dsqlkit.rules.unsupported;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;

/**
 * dsql-facts §1.1: COPY to or from a server-side file or a PROGRAM is refused; COPY FROM STDIN and
 * TO STDOUT are supported.
 */
public final class CopyFile extends BaseRule implements StatementRule {
    // UNVERIFIED (dsql-facts §1.1, §9.9): the refusal is confirmed by dsql-lint's CI, not its text.
    // DSQL's admin is not a superuser, so these are PostgreSQL 16's own texts for a role without
    // pg_read_server_files / pg_write_server_files / pg_execute_server_program (SQLSTATE 42501).
    static final String FROM_FILE = "permission denied to COPY from a file";
    static final String TO_FILE = "permission denied to COPY to a file";
    static final String PROGRAM = "permission denied to COPY to or from an external program";

    public CopyFile() {
        super("copy-file", "42501",
                "stream the data through the client: COPY ... FROM STDIN / TO STDOUT (psql's \\copy does this)");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        if (!Tokens.is(t, 0, "COPY")) return;
        int pos = 1;
        if (Tokens.isType(t, pos, TokenType.LPAREN)) {
            int close = Tokens.close(t, pos);
            if (close < 0) return;
            pos = close + 1;
        }
        for (int i = pos; i < t.size(); i++) {
            boolean from = Tokens.is(t, i, "FROM");
            if (!from && !Tokens.is(t, i, "TO")) continue;
            int target = i + 1;
            String message;
            if (Tokens.is(t, target, "PROGRAM")) message = PROGRAM;
            else if (Tokens.isType(t, target, TokenType.STRING)) message = from ? FROM_FILE : TO_FILE;
            else return;
            ctx.report(this, t.get(i), t.get(Math.min(target + (message == PROGRAM ? 1 : 0), t.size() - 1)), message,
                    Fix.unfixable("the file lives on the client: use COPY ... " + (from ? "FROM STDIN" : "TO STDOUT")
                            + " through the driver, or psql's \\copy"));
            return;
        }
    }

    @Override
    public List<String> messages() {
        return List.of(FROM_FILE, TO_FILE, PROGRAM);
    }
}
