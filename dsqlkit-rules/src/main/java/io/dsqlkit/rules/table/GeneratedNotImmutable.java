package io.dsqlkit.rules.table;

import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.BaseRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.rules.syntax.Range;
import io.dsqlkit.rules.syntax.TableColumns;
import io.dsqlkit.rules.syntax.Tokens;
import io.dsqlkit.sql.Token;
import io.dsqlkit.sql.TokenType;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * dsql-facts §1.6 ([SKILL-NEW]): a stored generated column must use immutable functions only.
 * Only the volatile and stable functions that can be recognised by name are flagged.
 */
public final class GeneratedNotImmutable extends BaseRule implements StatementRule {
    static final String MESSAGE = "generation expression is not immutable";
    /** Called as functions: only flagged when followed by {@code (}, so columns with these names are fine. */
    private static final Set<String> FUNCTIONS = Set.of("now", "random", "clock_timestamp", "statement_timestamp",
            "transaction_timestamp", "timeofday", "gen_random_uuid", "nextval", "currval", "lastval", "setseed",
            "txid_current", "current_setting", "pg_backend_pid");
    /** SQL special functions written without parentheses (reserved words, so never column names). */
    private static final Set<String> KEYWORDS = Set.of("current_timestamp", "current_date", "current_time",
            "localtime", "localtimestamp", "current_user", "session_user");

    public GeneratedNotImmutable() {
        super("generated-not-immutable", "42P17",
                "compute time- or randomness-dependent values with a DEFAULT or in the application, not GENERATED ALWAYS AS");
    }

    @Override
    public void check(StatementContext ctx) {
        List<Token> t = ctx.tokens();
        for (ColumnDefinition c : TableColumns.of(t)) {
            Range expr = c.generatedExpression(t);
            if (expr == null) continue;
            for (int i = expr.from(); i < expr.to(); i++) {
                Token k = t.get(i);
                if (k.type() != TokenType.IDENTIFIER) continue;
                String word = k.text().toLowerCase(Locale.ROOT);
                boolean call = FUNCTIONS.contains(word) && Tokens.isType(t, i + 1, TokenType.LPAREN)
                        && !Tokens.isType(t, i - 1, TokenType.DOT);
                if (!call && !KEYWORDS.contains(word)) continue;
                ctx.report(this, t.get(expr.from()), t.get(expr.to() - 1), MESSAGE, null);
                break;
            }
        }
    }

    @Override
    public List<String> messages() {
        return List.of(MESSAGE);
    }
}
