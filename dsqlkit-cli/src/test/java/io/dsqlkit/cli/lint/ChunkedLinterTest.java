package io.dsqlkit.cli.lint;

import io.dsqlkit.rules.script.UnterminatedToken;
import io.dsqlkit.rules.Diagnostic;
import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.Linter;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.rules.Rule;
import io.dsqlkit.rules.RuleCatalog;
import io.dsqlkit.rules.ScriptContext;
import io.dsqlkit.rules.ScriptRule;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.StatementRule;
import io.dsqlkit.rules.TextEdit;
import io.dsqlkit.sql.Statement;
import io.dsqlkit.sql.StatementCategory;
import io.dsqlkit.sql.Token;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linting in chunks must give exactly what linting the whole text gives: same findings, same
 * offsets, lines and columns, same fixed text. Checked with tiny windows, so that every kind of
 * statement (dollar-quoted bodies with semicolons, BEGIN ATOMIC, strings, comments, CRLF, BEGIN ...
 * COMMIT blocks) lands across a window edge many times.
 */
class ChunkedLinterTest {

    /** Flags TRUNCATE with a fix, like the real rule; enough to check positions and fixes. */
    static final class TruncateRule implements StatementRule {
        public String id() {
            return "test-truncate";
        }

        public String sqlstate() {
            return "0A000";
        }

        public String help() {
            return "use DELETE";
        }

        public void check(StatementContext ctx) {
            List<Token> t = ctx.tokens();
            if (!t.isEmpty() && t.get(0).isKeyword("TRUNCATE")) {
                ctx.report(this, t.get(0), t.get(t.size() - 1), "unsupported statement: Truncate",
                        Fix.of("DELETE", new TextEdit(t.get(0).offset(), t.get(0).text().length(), "DELETE FROM")));
            }
        }
    }

    /** A script rule that needs whole transactions: the second DDL inside BEGIN ... COMMIT. */
    static final class SecondDdlRule implements ScriptRule {
        public String id() {
            return "test-multi-ddl";
        }

        public String sqlstate() {
            return "0A000";
        }

        public String help() {
            return "one DDL per transaction";
        }

        public void check(ScriptContext ctx) {
            boolean inTx = false;
            int ddl = 0;
            for (Statement s : ctx.statements()) {
                Token first = s.first();
                if (first == null) continue;
                if (first.isKeyword("BEGIN")) {
                    inTx = true;
                    ddl = 0;
                } else if (first.isKeyword("COMMIT")) {
                    inTx = false;
                } else if (inTx && s.category() == StatementCategory.DDL && ++ddl == 2) {
                    ctx.report(this, first.offset(), first.text().length(),
                            "multiple ddl statements not supported in a transaction", null);
                }
            }
        }
    }

    static String script(int statements, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < statements; i++) {
            String nl = r.nextInt(5) == 0 ? "\r\n" : "\n";
            switch (r.nextInt(9)) {
                case 0 -> sb.append("TRUNCATE t").append(i).append(";").append(nl);
                case 1 -> sb.append("CREATE TABLE t").append(i).append(" (").append(nl)
                        .append("  id uuid PRIMARY KEY,").append(nl).append("\tnote text DEFAULT 'a;b'").append(nl)
                        .append(");").append(nl);
                case 2 -> sb.append("BEGIN;").append(nl).append("CREATE TABLE a").append(i).append(" (x int);").append(nl)
                        .append("CREATE INDEX ASYNC ia").append(i).append(" ON a").append(i).append(" (x);").append(nl)
                        .append("COMMIT;").append(nl);
                case 3 -> sb.append("CREATE FUNCTION f").append(i).append("() RETURNS int LANGUAGE sql AS $body$").append(nl)
                        .append("  SELECT 1; TRUNCATE x;").append(nl).append("$body$;").append(nl);
                case 4 -> sb.append("CREATE FUNCTION g").append(i).append("() RETURNS int LANGUAGE sql BEGIN ATOMIC").append(nl)
                        .append("  SELECT 1;").append(nl).append("  SELECT 2;").append(nl).append("END;").append(nl);
                case 5 -> sb.append("-- TRUNCATE in a comment;").append(nl).append("/* nested /* ; */ ; */ SELECT 'x;y', \"q;\";").append(nl);
                case 6 -> sb.append("INSERT INTO t VALUES (").append(i).append(", E'it\\'s; fine');").append(nl);
                case 7 -> sb.append("truncate   table\tt").append(i).append(" ;").append(nl);
                default -> sb.append("SELECT ").append(i).append(" AS \"ü;\"; ").append(nl);
            }
        }
        return sb.toString();
    }

    private static Linter testLinter() {
        List<Rule> rules = List.of(new TruncateRule(), new SecondDdlRule(), new UnterminatedToken());
        return new Linter(Profile.CURRENT, rules);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 257, 1000, 4096})
    void chunkedLintEqualsWholeLint(int window) {
        String text = script(400, 42);
        List<Diagnostic> whole = new ChunkedLinter(testLinter(), Integer.MAX_VALUE).lint(text);
        assertThat(whole).extracting(Diagnostic::ruleId).contains("test-truncate", "test-multi-ddl");
        assertThat(new ChunkedLinter(testLinter(), window).lint(text)).isEqualTo(whole);
    }

    @org.junit.jupiter.api.Test
    void transactionsLongerThanTheGrowthBoundAreCutButStatementFindingsStayExact() {
        String text = script(200, 5);
        List<Diagnostic> whole = new ChunkedLinter(testLinter(), Integer.MAX_VALUE).lint(text);
        List<Diagnostic> chunked = new ChunkedLinter(testLinter(), 1).lint(text);
        assertThat(chunked.stream().filter(d -> d.ruleId().equals("test-truncate")).toList())
                .isEqualTo(whole.stream().filter(d -> d.ruleId().equals("test-truncate")).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1000})
    void chunkedFixEqualsWholeFix(int window) {
        String text = script(300, 7);
        ChunkedLinter.Fixed whole = new ChunkedLinter(testLinter(), Integer.MAX_VALUE).fix(text);
        ChunkedLinter.Fixed chunked = new ChunkedLinter(testLinter(), window).fix(text);
        assertThat(whole.applied()).isPositive();
        assertThat(chunked).isEqualTo(whole);
        assertThat(whole.text()).doesNotContain("\nTRUNCATE t");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 1000})
    void unterminatedTokenAtTheEndIsFoundAcrossChunks(int window) {
        String text = script(100, 3) + "SELECT $fn$ never closed;\nSELECT 1;\n";
        List<Diagnostic> whole = new ChunkedLinter(testLinter(), Integer.MAX_VALUE).lint(text);
        assertThat(whole).last().extracting(Diagnostic::message).asString()
                .isEqualTo("unterminated dollar-quoted string at or near \"$fn$ never closed;...\"");
        assertThat(new ChunkedLinter(testLinter(), window).lint(text)).isEqualTo(whole);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 8192})
    void theRealRulesGiveTheSameFindingsChunked(int window) {
        String text = script(600, 11);
        Linter linter = new Linter(Profile.CURRENT, RuleCatalog.all());
        List<Diagnostic> whole = new ChunkedLinter(linter, Integer.MAX_VALUE).lint(text);
        assertThat(new ChunkedLinter(linter, window).lint(text)).isEqualTo(whole);
    }
}
